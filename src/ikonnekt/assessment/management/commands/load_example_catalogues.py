"""Install the two example catalogues (commercial and residential area) for an organisation."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ikonnekt.assessment import actions
from ikonnekt.assessment.examples import EXAMPLES, example_data
from ikonnekt.assessment.models import Catalogue, CatalogueStatus
from ikonnekt.core.audit import Actor
from ikonnekt.organizations.models import Organisation


class Command(BaseCommand):
    help = "Create the example criteria catalogues (published, visible platform-wide) owned by --owner."

    def add_arguments(self, parser):
        parser.add_argument("--owner", required=True, help="Short name (slug) of the owner organisation.")

    @transaction.atomic
    def handle(self, *args, owner, **options):
        try:
            organisation = Organisation.objects.get(slug=owner)
        except Organisation.DoesNotExist:
            raise CommandError(f"No organisation with the short name {owner!r}.")
        for example in EXAMPLES:
            if Catalogue.objects.filter(title=example["title"], is_example=True).exists():
                self.stdout.write(f"exists: {example['title']}")
                continue
            data = example_data(example)
            catalogue = Catalogue.objects.create(
                owner=organisation, visibility="platform", is_example=True, **data.meta
            )
            # The same tree builder as an import, but without a user (system installation).
            actions.build_nodes(catalogue, data.nodes)
            catalogue.status = CatalogueStatus.PUBLISHED
            catalogue.published_at = timezone.now()
            catalogue.save()
            from ikonnekt.core import audit

            audit.record(
                Actor.system(organisation=organisation),
                audit.AuditAction.CREATE,
                catalogue,
                changes={"example": True},
            )
            self.stdout.write(self.style.SUCCESS(f"created: {catalogue}"))
