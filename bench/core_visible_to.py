"""visible_to on 100,000 shared objects over 200 organisations and 50 cooperations.

Measures a page of 50 visible objects (and the count) for a member of one organisation,
next to the bare query of a page of 50 without the rule, on SQLite and (when reachable)
PostgreSQL. Each database runs in its own process.

    PYTHONPATH=src .venv/bin/python bench/core_visible_to.py [--objects 100000]
"""

import argparse
import json
import random
import subprocess
import sys
import time

from _setup import RESULTS, configure, postgres_url, summary

ORGS, COOPS, USERS_PER_ORG = 200, 50, 2


def build(n_objects):
    from django.contrib.auth import get_user_model

    from ikonnekt.cooperations.models import Announcement, Cooperation, Participation
    from ikonnekt.organizations.models import Membership, Organisation

    rng = random.Random(7)
    orgs = Organisation.objects.bulk_create(
        [Organisation(name=f"Gemeinde {i}", slug=f"gemeinde-{i}", kind="municipality") for i in range(ORGS)]
    )
    User = get_user_model()
    users = User.objects.bulk_create([User(username=f"u{i}") for i in range(ORGS * USERS_PER_ORG)])
    Membership.objects.bulk_create(
        [
            Membership(user=u, organisation=orgs[i // USERS_PER_ORG], role="editor")
            for i, u in enumerate(users)
        ]
    )
    coops = Cooperation.objects.bulk_create(
        [
            Cooperation(
                name=f"Kooperation {i}",
                form="arbeitskreis",
                status="active",
                owner=orgs[i],
                visibility="cooperation",
            )
            for i in range(COOPS)
        ]
    )
    parts = []
    members_of = {}
    for coop in coops:
        members = {coop.owner_id} | {o.pk for o in rng.sample(orgs, 7)}
        members_of[coop.pk] = members
        parts += [
            Participation(
                cooperation=coop, organisation_id=o, part="lead" if o == coop.owner_id else "partner"
            )
            for o in members
        ]
    Participation.objects.bulk_create(parts)
    visibilities = ["private"] * 55 + ["cooperation"] * 30 + ["platform"] * 10 + ["public"] * 5
    objs = [
        Announcement(
            owner=rng.choice(orgs), title=f"Mitteilung {i}", body="Text", visibility=rng.choice(visibilities)
        )
        for i in range(n_objects)
    ]
    Announcement.objects.bulk_create(objs, batch_size=5000)
    through = Announcement.shared_with.through
    coops_of = {}
    for coop_id, members in members_of.items():
        for org_id in members:
            coops_of.setdefault(org_id, []).append(coop_id)
    links = []
    for obj in Announcement.objects.filter(visibility="cooperation").values_list("pk", "owner_id"):
        options = coops_of.get(obj[1])
        if options:
            links += [
                through(announcement_id=obj[0], cooperation_id=c)
                for c in rng.sample(options, min(2, len(options)))
            ]
    through.objects.bulk_create(links, batch_size=5000)
    return users[0]


def measure(user, repeats=60):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from ikonnekt.cooperations.models import Announcement
    from ikonnekt.core.sharing import forget_user_caches

    def ours():
        forget_user_caches(user)  # a fresh request: memberships and cooperations are looked up again
        page = list(Announcement.objects.visible_to(user).order_by("-pk")[:50])
        return page

    def bare():
        return list(Announcement.objects.order_by("-pk")[:50])

    def ours_count():
        forget_user_caches(user)
        return Announcement.objects.visible_to(user).count()

    results = {}
    for name, fn in [("visible_to_page50", ours), ("bare_page50", bare), ("visible_to_count", ours_count)]:
        fn()
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as ctx:
            fn()
        results[name] = {**summary(times), "queries": len(ctx.captured_queries)}
        reset_queries()
    results["ratio_median_visible_vs_bare"] = round(
        results["visible_to_page50"]["median_ms"] / results["bare_page50"]["median_ms"], 2
    )
    results["visible_count"] = ours_count()
    return results


def run_one(engine, n_objects):
    url = postgres_url("ikonnekt_bench_visible") if engine == "postgresql" else None
    if engine == "postgresql" and url is None:
        return {"skipped": "no PostgreSQL on 127.0.0.1:5432"}
    configure(url)
    start = time.perf_counter()
    user = build(n_objects)
    if engine == "postgresql":
        from django.db import connection

        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    build_s = time.perf_counter() - start
    return {
        "objects": n_objects,
        "organisations": ORGS,
        "cooperations": COOPS,
        "build_s": round(build_s, 1),
        **measure(user),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--objects", type=int, default=100_000)
    parser.add_argument("--engine", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    if args.engine:
        print(json.dumps(run_one(args.engine, args.objects)))
        return
    report = {}
    for engine in ("sqlite", "postgresql"):
        out = subprocess.run(
            [sys.executable, __file__, "--engine", engine, "--objects", str(args.objects)],
            capture_output=True,
            text=True,
            check=True,
        )
        report[engine] = json.loads(out.stdout.strip().splitlines()[-1])
        print(engine, json.dumps(report[engine], indent=1))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "core_visible_to.json").write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
