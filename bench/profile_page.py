"""Profile one page (or the minimal view) in process: CPU time, queries and the hottest functions.

A tool for making pages faster, not a benchmark: it signs in a demo user on an SQLite file that
already holds the demo data, requests the URL a few times to warm up, then runs cProfile over
``--repeat`` requests and prints the functions with the largest cumulative and own time.

    PYTHONPATH=src .venv/bin/python bench/profile_page.py --sqlite /tmp/demo.sqlite3 / [--repeat 20]
"""

import argparse
import cProfile
import io
import os
import pstats
import time

import _minimal
from _setup import configure


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--sqlite", required=True, help="an SQLite file that already holds the demo data")
    parser.add_argument("--user", default="nalbach-editor")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--top", type=int, default=45)
    parser.add_argument("--sort", default="cumulative", help="cumulative or tottime")
    parser.add_argument("--queries", action="store_true", help="print the SQL of one request")
    parser.add_argument("--callers", default="", help="also print who calls the functions matching this")
    args = parser.parse_args()
    configure(
        DEBUG="0",
        SECRET_KEY="bench-profile-not-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        SQLITE_PATH=args.sqlite,
    )
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("collectstatic", interactive=False, verbosity=0)
    settings.ROOT_URLCONF = _minimal.urlconf()
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client(raise_request_exception=True)
    client.force_login(get_user_model().objects.get(username=args.user))
    url = _minimal.PATH if args.url == "minimal" else args.url
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, response.status_code
    captured = []

    def record(execute, sql, params, many, context):
        captured.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        client.get(url)
    if args.queries:
        for sql in captured:
            print(sql[:400])
    minimal = time.process_time()
    for _ in range(args.repeat):
        client.get(_minimal.PATH)
    minimal = (time.process_time() - minimal) / args.repeat * 1000
    started = time.process_time()
    for _ in range(args.repeat):
        client.get(url)
    page = (time.process_time() - started) / args.repeat * 1000
    print(
        f"{url}: {len(captured)} queries, {page:.2f} ms CPU, minimal {minimal:.2f} ms, ratio {page / minimal:.1f}"
    )
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.repeat):
        client.get(url)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats(args.sort)
    stats.print_stats(args.top)
    if args.callers:
        stats.print_callers(args.callers)
    print(out.getvalue().replace(os.getcwd() + "/", ""))


if __name__ == "__main__":
    main()
