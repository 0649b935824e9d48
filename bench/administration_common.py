"""Shared set-up of the joint-administration benchmarks (not a benchmark itself): a fresh SQLite database."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django():
    sys.path.insert(0, str(ROOT / "src"))
    tmp = tempfile.mkdtemp(prefix="ikonnekt-bench-")
    os.environ["SQLITE_PATH"] = str(Path(tmp) / "bench.sqlite3")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikonnekt.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def organisations_and_cooperation(n_orgs: int):
    from ikonnekt.cooperations.models import Cooperation, Participation
    from ikonnekt.organizations.models import InhabitantCount, Organisation

    orgs = Organisation.objects.bulk_create(
        [
            Organisation(name=f"Bench-Gemeinde {i:03d}", slug=f"bench-{i:03d}", kind="municipality")
            for i in range(n_orgs)
        ]
    )
    orgs = list(Organisation.objects.filter(slug__startswith="bench-").order_by("slug"))
    from datetime import date

    InhabitantCount.objects.bulk_create(
        [
            InhabitantCount(organisation=o, reference_date=date(2024, 12, 31), inhabitants=2000 + 137 * i)
            for i, o in enumerate(orgs)
        ]
    )
    coop = Cooperation.objects.create(
        name="Bench-Kooperation", form="zweckvereinbarung", status="active", owner=orgs[0]
    )
    Participation.objects.bulk_create(
        [
            Participation(cooperation=coop, organisation=o, part="lead" if i == 0 else "partner")
            for i, o in enumerate(orgs)
        ]
    )
    return orgs, coop


def write_result(name: str, data: dict):
    import json

    out = ROOT / "bench" / "results" / f"{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    print(f"→ {out.relative_to(ROOT)}")
