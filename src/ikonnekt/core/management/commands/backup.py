from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from ikonnekt.core.backup import create_backup


class Command(BaseCommand):
    help = "Write a backup (database content + stored files) to a .tar.gz file."

    def add_arguments(self, parser):
        parser.add_argument(
            "target", nargs="?", help="File to write (default: ikonnekt-backup-<time>.tar.gz)"
        )

    def handle(self, *args, target=None, **options):
        path = Path(target or f"ikonnekt-backup-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
        manifest = create_backup(path)
        self.stdout.write(
            f"Backup written to {path}: {manifest['objects']} objects, {manifest['files']} files"
        )
