"""CPU time and queries of every main page against a minimal view, in one process (DEBUG off).

The minimal view goes through the same middleware (sessions, authentication, acting
organisation, CSRF, messages, htmx, CSP), reads one row and renders a small template; it is
the yardstick (goal: every page <= 5x its CPU time). The pages: every list page and every
detail page of the platform (the first object of each kind the demo user may see), read as
a signed-in demo editor on the demo data (``load_demo``), with Django's test client in this
process, so the CPU time (``time.process_time``) covers the view, the templates and SQLite.

Runs are interleaved: in each round every page is measured right after the minimal view
(``PER_RUN`` requests each), page order shuffled per round; per page the ratio of each round
is kept and the median, minimum and maximum are reported, with the load average before and
after (the machine is shared). Raw per-round figures go to bench/results/pages.json.

    PYTHONPATH=src .venv/bin/python bench/pages.py [--rounds 3] [--per-run 2] [--only energy]
"""

import argparse
import json
import os
import random
import statistics
import time

import _minimal
from _setup import RESULTS, configure

MINIMAL_PATH = _minimal.PATH

SKIP_WORDS = (
    "create",
    "edit",
    "delete",
    "import",
    "upload",
    "add",
    "new",
    "export",
    "pdf",
    "xlsx",
    "csv",
    "ical",
    "feed",
    "logout",
    "login",
    "password",
    "signup",
    "switch",
    "healthz",
    "readyz",
    "ping",
    "api",
    "admin:",
    "download",
    "preview",
    "thumbnail",
    "file",
    "progress",
    "search_suggest",
)


def main_pages(user):
    """{name: url}: list pages (no id) and the detail pages of the first visible object."""
    from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

    def walk(resolver, namespace=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                ns = entry.namespace or ""
                yield from walk(entry, f"{namespace}:{ns}" if namespace and ns else (ns or namespace))
            elif isinstance(entry, URLPattern) and entry.name:
                yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry

    pages = {}
    for name, entry in walk(get_resolver("ikonnekt.urls")):
        if any(word in name for word in SKIP_WORDS) or name.startswith("api"):
            continue
        converters = entry.pattern.converters
        if not converters:
            try:
                pages[name] = reverse(name)
            except NoReverseMatch:
                continue
            continue
        if len(converters) != 1 or not name.endswith("detail"):
            continue
        callback = entry.callback
        model = getattr(callback, "shareable_model", None) or getattr(
            getattr(callback, "view_class", None), "model", None
        )
        if model is None or not hasattr(model.objects, "visible_to"):
            continue
        obj = model.objects.visible_to(user).order_by("pk").first()
        if obj is None:
            continue
        (kwarg,) = converters
        try:
            pages[name] = reverse(name, kwargs={kwarg: obj.pk})
        except NoReverseMatch:
            continue
    return pages


def cpu_per_request(client, url, n):
    start = time.process_time()
    for _ in range(n):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    return (time.process_time() - start) / n * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--per-run", type=int, default=2)
    parser.add_argument("--only", default="", help="only pages whose name contains this")
    parser.add_argument("--user", default="nalbach-editor")
    parser.add_argument("--sqlite", default="", help="an SQLite file that already holds the demo data")
    args = parser.parse_args()
    load_before = os.getloadavg()
    env = {"DEBUG": "0", "SECRET_KEY": "bench-pages-not-secret-0123456789abcdefghijklmnopqrstuvwxyz"}
    configure(**env, **({"SQLITE_PATH": args.sqlite} if args.sqlite else {}))
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("collectstatic", interactive=False, verbosity=0)  # DEBUG off: the manifest storage
    if not args.sqlite:
        started = time.perf_counter()
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"demo data loaded in {time.perf_counter() - started:.0f} s", flush=True)
    settings.ROOT_URLCONF = _minimal.urlconf()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.DEBUG = False
    user = get_user_model().objects.get(username=args.user)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    pages = {name: url for name, url in main_pages(user).items() if args.only in name}
    usable = {}
    for name, url in pages.items():  # warm-up; keep the pages that answer 200 with HTML
        response = client.get(url)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            usable[name] = url
        elif response.status_code >= 500:
            print(f"{name} {url}: {response.status_code}, left out", flush=True)
    if not usable:
        raise SystemExit(f"no page matches --only {args.only!r} (names are app:url_name)")
    client.get(MINIMAL_PATH)
    queries = {}
    for name, url in {"minimal": MINIMAL_PATH, **usable}.items():
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries[name] = len(captured)
    raw = {name: [] for name in usable}
    raw_minimal = []
    rng = random.Random(18)
    for round_no in range(args.rounds):
        order = list(usable.items())
        rng.shuffle(order)
        for name, url in order:
            base = cpu_per_request(client, MINIMAL_PATH, args.per_run)
            page = cpu_per_request(client, url, args.per_run)
            raw_minimal.append(base)
            raw[name].append(
                {"page_ms": round(page, 3), "minimal_ms": round(base, 3), "ratio": round(page / base, 2)}
            )
        print(f"round {round_no + 1}/{args.rounds} done", flush=True)
    load_after = os.getloadavg()
    pages_out = {}
    for name, runs in raw.items():
        ratios = [r["ratio"] for r in runs]
        pages_out[name] = {
            "url": usable[name],
            "queries": queries[name],
            "cpu_ms_median": round(statistics.median(r["page_ms"] for r in runs), 2),
            "ratio_median": round(statistics.median(ratios), 2),
            "ratio_min": min(ratios),
            "ratio_max": max(ratios),
            "runs": runs,
        }
    result = {
        "what": "CPU time per request (time.process_time, in-process test client, DEBUG off, SQLite demo data) "
        "of each main page vs. the minimal one-row view through the same middleware, interleaved",
        "user": args.user,
        "rounds": args.rounds,
        "requests_per_run": args.per_run,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "minimal": {
            "queries": queries["minimal"],
            "cpu_ms_median": round(statistics.median(raw_minimal), 3),
            "cpu_ms_min": round(min(raw_minimal), 3),
            "cpu_ms_max": round(max(raw_minimal), 3),
        },
        "goal": "ratio_median <= 5 and queries <= 20",
        "over_goal": sorted(
            name for name, p in pages_out.items() if p["ratio_median"] > 5 or p["queries"] > 20
        ),
        "pages": dict(sorted(pages_out.items(), key=lambda item: -item[1]["ratio_median"])),
    }
    RESULTS.mkdir(exist_ok=True)
    target = RESULTS / ("pages.json" if not args.only else f"pages_{args.only.replace(':', '_')}.json")
    target.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    print(f"minimal view: {result['minimal']['cpu_ms_median']} ms CPU, {queries['minimal']} queries")
    print(f"{'page':45} {'queries':>7} {'CPU ms':>8} {'ratio':>6} {'min':>5} {'max':>5}")
    for name, p in result["pages"].items():
        print(
            f"{name:45} {p['queries']:7} {p['cpu_ms_median']:8.1f} {p['ratio_median']:6.1f} "
            f"{p['ratio_min']:5.1f} {p['ratio_max']:5.1f}"
        )
    print(
        f"over the goal: {len(result['over_goal'])} of {len(pages_out)} pages; load average {load_before} -> {load_after}"
    )


if __name__ == "__main__":
    main()
