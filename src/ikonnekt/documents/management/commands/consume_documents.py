import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ikonnekt.core.audit import Actor
from ikonnekt.documents.importer import import_folder
from ikonnekt.organizations.models import Organisation


class Command(BaseCommand):
    help = (
        "Watch the consume folder (DOCUMENTS_CONSUME_DIR or --folder): every file dropped into "
        "<folder>/<organisation slug>/ is imported for that organisation and moved to done/."
    )

    def add_arguments(self, parser):
        parser.add_argument("--folder", default=getattr(settings, "DOCUMENTS_CONSUME_DIR", ""))
        parser.add_argument("--user", required=True, help="username recorded as the importer")
        parser.add_argument("--once", action="store_true")
        parser.add_argument("--interval", type=float, default=10.0)

    def handle(self, folder, user, once=False, interval=10.0, **options):
        if not folder:
            raise CommandError("No consume folder: set DOCUMENTS_CONSUME_DIR or pass --folder.")
        account = get_user_model().objects.filter(username=user).first()
        if account is None:
            raise CommandError("Unknown user.")
        root = Path(folder)
        while True:
            for org_dir in sorted(p for p in root.iterdir() if p.is_dir()):
                org = Organisation.objects.filter(slug=org_dir.name).first()
                if org is None or not any(p.is_file() for p in org_dir.rglob("*") if "done" not in p.parts):
                    continue
                report = import_folder(
                    Actor.system(user=account, organisation=org), org_dir, owner_id=org.pk, move_done=True
                )
                self.stdout.write(f"{org.slug}: {report.summary()}")
                for error in report.errors:
                    self.stdout.write(self.style.WARNING(error))
            if once:
                return
            time.sleep(interval)
