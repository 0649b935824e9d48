"""Benchmark: the district overview page with 50 and 500 assessments (queries and time).

Baseline: the same page with 50 assessments, measured in the same run. The page must need the
same number of queries for 500 assessments (no N+1) and its time should grow about linearly.
Uses a throw-away SQLite database. Run: PYTHONPATH=src .venv/bin/python bench/assessment_district.py
"""

import json
import os
import tempfile
import time
from pathlib import Path

DB = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikonnekt.settings")
os.environ["SQLITE_PATH"] = str(DB)
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main():
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--only", "assessment", verbosity=0)
    from django.contrib.auth import get_user_model

    from ikonnekt.assessment.models import Area, Assessment, Catalogue, Rating
    from ikonnekt.organizations.models import Organisation

    catalogue = Catalogue.objects.get(title__startswith="Beispielkatalog nachhaltige Gewerbe")
    measures = list(catalogue.nodes.filter(kind="measure"))
    municipalities = list(Organisation.objects.filter(kind="municipality"))
    user = get_user_model().objects.get(username="landkreis-saarlouis-admin")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    url = f"/assessment/district/?family={catalogue.family}"

    def grow_to(total):
        existing = Assessment.objects.filter(catalogue=catalogue).count()
        for i in range(existing, total):
            org = municipalities[i % len(municipalities)]
            area = Area.objects.create(
                name=f"Bench-Gebiet {i}",
                owner=org,
                municipality=org,
                visibility="platform",
                kind="commercial",
            )
            a = Assessment.objects.create(
                area=area, catalogue=catalogue, scenario="Bestand", owner=org, visibility="platform"
            )
            Rating.objects.bulk_create(
                [Rating(assessment=a, measure=m, level=(i + j) % 4) for j, m in enumerate(measures)]
            )

    def measure(total):
        grow_to(total)
        client.get(url)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - t0
        assert response.status_code == 200
        return {
            "assessments": Assessment.objects.filter(catalogue=catalogue).count(),
            "queries": len(queries),
            "seconds": elapsed,
        }

    base = measure(50)
    big = measure(500)
    result = {
        "baseline_50": base,
        "with_500": big,
        "query_count_constant": base["queries"] == big["queries"],
        "time_ratio_500_vs_50": big["seconds"] / base["seconds"],
    }
    print(json.dumps(result, indent=2))
    out = Path(__file__).parent / "results" / "assessment_district.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
