import tarfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ikonnekt.core.backup import restore_backup


class Command(BaseCommand):
    help = "Restore a backup written by `backup` into the migrated database."

    def add_arguments(self, parser):
        parser.add_argument("source")
        parser.add_argument("--flush", action="store_true", help="Empty the database before restoring.")

    def handle(self, *args, source, flush=False, **options):
        try:
            manifest = restore_backup(Path(source), flush=flush)
        except (OSError, ValueError, tarfile.TarError) as exc:
            raise CommandError(str(exc))
        self.stdout.write(
            f"Restored {manifest['objects']} objects and {manifest['files']} files from {source}"
        )
