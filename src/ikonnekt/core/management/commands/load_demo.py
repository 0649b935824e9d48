"""Load the reproducible Landkreis Saarlouis demo data (idempotent, no prompts)."""

import random

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction

from ikonnekt.core.demo_context import DemoContext
from ikonnekt.core.registry import app_modules

SEED = 2100  # Vision 2100


class Command(BaseCommand):
    help = "Load the Landkreis Saarlouis demo data (organisations, users, cooperations and every module's examples)."

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", help="Load only these apps (after organisations).")

    def handle(self, *args, only=None, **options):
        ctx = DemoContext(
            rng=random.Random(SEED),
            password_hash=make_password(settings.DEMO_PASSWORD),
            log=lambda msg: self.stdout.write(msg),
        )
        for label, module in app_modules("demo"):
            if only and label not in only and label not in ("organizations", "cooperations"):
                continue
            ctx.rng.seed(f"{SEED}-{label}")
            with transaction.atomic():
                module.load(ctx)
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {label}"))
        self.stdout.write(
            f"Demo password for every demo account: {settings.DEMO_PASSWORD}  "
            "(accounts: <organisation>-admin, -editor, -viewer, e.g. nalbach-editor)"
        )
