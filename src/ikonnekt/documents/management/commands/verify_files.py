from django.core.management.base import BaseCommand, CommandError

from ikonnekt.documents.integrity import verify_all


class Command(BaseCommand):
    help = "Re-hash every stored document file and report missing or altered ones (exit code 1 if any)."

    def handle(self, *args, **options):
        report = verify_all()
        for label in report.missing:
            self.stdout.write(self.style.ERROR(f"MISSING  {label}"))
        for label in report.altered:
            self.stdout.write(self.style.ERROR(f"ALTERED  {label}"))
        self.stdout.write(
            f"{report.ok} intact, {len(report.missing)} missing, {len(report.altered)} altered."
        )
        if not report.healthy:
            raise CommandError("Some stored files are missing or altered.")
