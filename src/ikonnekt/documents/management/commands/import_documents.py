import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ikonnekt.core.audit import Actor
from ikonnekt.core.jobs import enqueue
from ikonnekt.documents.importer import import_folder
from ikonnekt.documents.models import File
from ikonnekt.organizations.models import Organisation


class Command(BaseCommand):
    help = "Import every file in FOLDER (recursively; metadata from metadata.csv if present) as documents."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--owner", required=True, help="organisation slug")
        parser.add_argument(
            "--user", required=True, help="username of an editor of that organisation (audited)"
        )
        parser.add_argument("--file", help="file reference to file the documents into")
        parser.add_argument(
            "--job", action="store_true", help="run as a background job (progress on the jobs page)"
        )
        parser.add_argument(
            "--inline", action="store_true", help="read text immediately instead of one job per file"
        )

    def handle(self, folder, owner, user, file=None, job=False, inline=False, **options):
        org = Organisation.objects.filter(slug=owner).first()
        account = get_user_model().objects.filter(username=user).first()
        if org is None or account is None:
            raise CommandError("Unknown organisation or user.")
        target = File.objects.filter(reference=file, owner=org).first() if file else None
        if file and target is None:
            raise CommandError(f"No file {file} of {org}.")
        if job:
            row = enqueue(
                "documents.import_folder",
                actor=Actor.system(user=account, organisation=org),
                label=f"Import {folder}",
                folder=folder,
                owner_id=org.pk,
                username=user,
                file_id=target.pk if target else None,
            )
            self.stdout.write(f"Job {row.pk} queued.")
            return

        def progress(pct, msg):
            sys.stdout.write(f"\r[{'#' * int(pct / 5):<20}] {pct:5.1f} % {msg[:60]:<60}")
            sys.stdout.flush()

        report = import_folder(
            Actor.system(user=account, organisation=org),
            folder,
            owner_id=org.pk,
            file_id=target.pk if target else None,
            progress=progress if options["verbosity"] else None,
            extract="inline" if inline else "job",
        )
        self.stdout.write("\n" + report.summary())
        for error in report.errors:
            self.stdout.write(self.style.WARNING(error))
