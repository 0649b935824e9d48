import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ikonnekt.documents.importer import consume_once


class Command(BaseCommand):
    help = (
        "Watch the consume folder (DOCUMENTS_CONSUME_DIR or --folder): every file dropped into "
        "<folder>/<organisation slug>/ is imported for that organisation and moved to done/. "
        "The job runner does the same by itself when DOCUMENTS_CONSUME_DIR and DOCUMENTS_CONSUME_USER are set."
    )

    def add_arguments(self, parser):
        parser.add_argument("--folder", default=settings.DOCUMENTS_CONSUME_DIR)
        parser.add_argument(
            "--user", default=settings.DOCUMENTS_CONSUME_USER, help="username recorded as the importer"
        )
        parser.add_argument("--once", action="store_true")
        parser.add_argument("--interval", type=float, default=10.0)

    def handle(self, folder, user, once=False, interval=10.0, **options):
        if not folder:
            raise CommandError("No consume folder: set DOCUMENTS_CONSUME_DIR or pass --folder.")
        account = get_user_model().objects.filter(username=user).first() if user else None
        if account is None:
            raise CommandError("Unknown user: pass --user or set DOCUMENTS_CONSUME_USER.")
        while True:
            try:
                reports = consume_once(folder, account)
            except FileNotFoundError as exc:
                raise CommandError(str(exc)) from exc
            for org, report in reports:
                self.stdout.write(f"{org.slug}: {report.summary()}")
                for error in report.errors:
                    self.stdout.write(self.style.WARNING(error))
            if once:
                return
            time.sleep(interval)
