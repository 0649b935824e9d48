"""Load (or update) the AVV code list from a CSV file with columns code, hazardous, title."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ikonnekt.market.models import WasteCode
from ikonnekt.market.wastecodes import load_codes


class Command(BaseCommand):
    help = "Import the AVV / European List of Waste codes (code,hazardous,title)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, **options):
        try:
            count = load_codes(WasteCode, Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"{count} codes imported"))
