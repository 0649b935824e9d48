import datetime

from django.core.management.base import BaseCommand, CommandError

from ikonnekt.core import filestore
from ikonnekt.documents.integrity import verify_all


class Command(BaseCommand):
    help = (
        "Re-hash every stored document file and report missing or altered ones (exit code 1 if any); "
        "list stored files no record references (orphans, e.g. left by a crash) and, with "
        "--remove-orphans, delete those older than --min-age-minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--remove-orphans", action="store_true", help="Delete stored files that no record references."
        )
        parser.add_argument(
            "--min-age-minutes",
            type=int,
            default=60,
            help="Only treat files unchanged for this long as orphans (default 60): files of "
            "imports still running are never touched.",
        )

    def handle(self, *args, **options):
        report = verify_all()
        for label in report.missing:
            self.stdout.write(self.style.ERROR(f"MISSING  {label}"))
        for label in report.altered:
            self.stdout.write(self.style.ERROR(f"ALTERED  {label}"))
        min_age = datetime.timedelta(minutes=max(options["min_age_minutes"], 0))
        if options["remove_orphans"]:
            orphans = filestore.remove_orphans(min_age=min_age)
            for name in orphans:
                self.stdout.write(self.style.WARNING(f"REMOVED  {name}"))
        else:
            orphans = filestore.find_orphans(min_age=min_age)
            for name in orphans:
                self.stdout.write(self.style.WARNING(f"ORPHAN   {name}"))
        self.stdout.write(
            f"{report.ok} intact, {len(report.missing)} missing, {len(report.altered)} altered, "
            f"{len(orphans)} orphaned file(s) {'removed' if options['remove_orphans'] else 'found'}."
        )
        if not report.healthy:
            raise CommandError("Some stored files are missing or altered.")
