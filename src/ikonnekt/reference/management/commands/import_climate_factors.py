from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ikonnekt.reference.climate import ClimateFileError, import_file


class Command(BaseCommand):
    help = "Import DWD climate factors per postcode (semicolon-separated file with a header row)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        file = Path(path)
        try:
            count = import_file(file.read_bytes(), file.name)
        except (OSError, ClimateFileError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{count} climate factors imported from {file.name}")
