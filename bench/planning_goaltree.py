"""Bench: the goal tree with 2,000 nodes and 20 years of indicator values per municipality
renders with a query count independent of the number of nodes.

Baseline (same run): the same page with 200 nodes. Prints query counts, median render times
and their ratios; writes bench/results/planning_goaltree.json.

    PYTHONPATH=src DEBUG=1 /work/main/.venv/bin/python bench/planning_goaltree.py
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

DB = "/tmp/bench_planning_goaltree.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikonnekt.settings")
os.environ.setdefault("DEBUG", "1")
os.environ["SQLITE_PATH"] = DB
for suffix in ("", "-wal", "-shm"):
    Path(DB + suffix).unlink(missing_ok=True)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

MUNICIPALITIES = int(os.environ.get("BENCH_MUNICIPALITIES", "5"))
YEARS = 20
REPEAT = 5


def build(owner, munis, n_nodes, tag):
    """A tree of goals (10 % of nodes) with targets under them, each with 20 years of values
    for every municipality."""
    from ikonnekt.planning.models import GoalNode, IndicatorValue

    n_goals = max(1, n_nodes // 10)
    goals = GoalNode.objects.bulk_create(
        [
            GoalNode(
                owner=owner,
                visibility="platform",
                kind="goal",
                title=f"{tag} Ziel {i}",
                rollup="weighted" if i % 2 else "average",
            )
            for i in range(n_goals)
        ]
    )
    targets = GoalNode.objects.bulk_create(
        [
            GoalNode(
                owner=owner,
                visibility="platform",
                kind="target",
                parent=goals[i % n_goals],
                title=f"{tag} Unterziel {i}",
                indicator="Indikator",
                unit="%",
                baseline_year=2005,
                baseline_value=10,
                target_year=2030,
                target_value=60,
                weight=1 + i % 3,
            )
            for i in range(n_nodes - n_goals)
        ]
    )
    rows = []
    for t in targets:
        for m in munis:
            for y in range(2005, 2005 + YEARS):
                rows.append(IndicatorValue(node=t, municipality=m, year=y, value=10 + (y - 2005) * 1.5))
    IndicatorValue.objects.bulk_create(rows, batch_size=5000)
    return goals + targets


def measure(client):
    times, queries = [], None
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get("/planning/goals/")
            times.append(time.perf_counter() - start)
        assert response.status_code == 200
        queries = len(ctx)
    return queries, statistics.median(times), len(response.content)


def main():
    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = ["*"]
    from django.contrib.auth import get_user_model

    from ikonnekt.organizations.models import Membership, Organisation
    from ikonnekt.planning.models import GoalNode, IndicatorValue

    munis = [
        Organisation.objects.create(
            name=f"Gemeinde {i}", slug=f"g{i}", kind="municipality", inhabitants=10000
        )
        for i in range(MUNICIPALITIES)
    ]
    user = get_user_model().objects.create_user("bench", password="x")
    Membership.objects.create(user=user, organisation=munis[0], role="editor")
    client = Client()
    client.force_login(user, backend="ikonnekt.accounts.backends.UsernameOrEmailBackend")

    t0 = time.perf_counter()
    small = build(munis[0], munis, 200, "A")
    base_q, base_t, base_size = measure(client)
    GoalNode.objects.filter(pk__in=[n.pk for n in small]).delete()
    large = build(munis[0], munis, 2000, "B")
    setup = time.perf_counter() - t0
    big_q, big_t, big_size = measure(client)
    values = IndicatorValue.objects.count()
    result = {
        "nodes_baseline": 200,
        "nodes": len(large),
        "municipalities": MUNICIPALITIES,
        "years": YEARS,
        "indicator_values": values,
        "queries_baseline": base_q,
        "queries": big_q,
        "query_ratio": big_q / base_q,
        "render_s_baseline_median": round(base_t, 4),
        "render_s_median": round(big_t, 4),
        "time_ratio": round(big_t / base_t, 2),
        "html_bytes": big_size,
        "setup_s": round(setup, 1),
    }
    print(json.dumps(result, indent=2))
    print(
        f"goal tree: {base_q} queries for 200 nodes, {big_q} for 2,000 (ratio {big_q / base_q:.2f}); "
        f"render {base_t * 1000:.0f} ms → {big_t * 1000:.0f} ms (×{big_t / base_t:.1f} for ×10 nodes, "
        f"{values:,} indicator values in the table)"
    )
    out = Path(__file__).parent / "results" / "planning_goaltree.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    return 0 if big_q == base_q else 1


if __name__ == "__main__":
    sys.exit(main())
