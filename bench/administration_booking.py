"""Booking conflict check against 10,000 existing bookings of one resource.

Compares, in the same run: (a) the indexed database query the booking action uses (one query per
check), (b) the in-memory IntervalIndex (binary search), and the baseline (c) a linear scan of all
bookings in Python. Prints ratios against the baseline.

Run: PYTHONPATH=src .venv/bin/python bench/administration_booking.py
"""

import random
import time
from datetime import datetime, timedelta

from administration_common import organisations_and_cooperation, setup_django, write_result

N_BOOKINGS = 10_000
N_CHECKS = 500


def main():
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from ikonnekt.administration import models as m
    from ikonnekt.administration.booking import IntervalIndex, conflicts_naive

    orgs, coop = organisations_and_cooperation(50)
    resource = m.SharedResource.objects.create(
        owner=orgs[0], cooperation=coop, name="Kehrmaschine", kind="vehicle"
    )
    rng = random.Random(7)
    start = timezone.make_aware(datetime(2024, 1, 1, 7, 0))
    bookings, t = [], start
    for _ in range(N_BOOKINGS):  # back-to-back-ish, non-overlapping bookings
        t += timedelta(minutes=rng.choice([0, 30, 60, 120, 900]))
        end = t + timedelta(hours=rng.randint(1, 6))
        bookings.append(
            m.Booking(
                resource=resource, organisation=orgs[rng.randrange(50)], start=t, end=end, status="confirmed"
            )
        )
        t = end
    m.Booking.objects.bulk_create(bookings, batch_size=2000)
    span = (t - start).total_seconds()
    candidates = []
    for _ in range(N_CHECKS):
        s = start + timedelta(seconds=rng.uniform(0, span))
        candidates.append((s, s + timedelta(hours=rng.randint(1, 4))))

    def db_check(s, e):
        return list(
            m.Booking.objects.filter(
                resource=resource, status__in=m.ACTIVE_BOOKING, start__lt=e, end__gt=s
            ).values_list("id", flat=True)[:1]
        )

    intervals = [
        (b.start, b.end, b.pk) for b in m.Booking.objects.filter(resource=resource).only("start", "end")
    ]
    index = IntervalIndex(intervals)

    with CaptureQueriesContext(connection) as ctx:
        db_check(*candidates[0])
    queries_per_check = len(ctx.captured_queries)

    def timed(fn):
        t0 = time.perf_counter()
        hits = sum(1 for s, e in candidates if fn(s, e))
        return (time.perf_counter() - t0) / N_CHECKS * 1e6, hits

    base_us, base_hits = timed(lambda s, e: conflicts_naive(s, e, intervals))
    db_us, db_hits = timed(db_check)
    idx_us, idx_hits = timed(index.conflicts)
    assert base_hits == db_hits == idx_hits, (base_hits, db_hits, idx_hits)
    results = {
        "existing_bookings": N_BOOKINGS,
        "checks": N_CHECKS,
        "conflicts_found": base_hits,
        "baseline_linear_scan_us_per_check": round(base_us, 1),
        "db_indexed_query_us_per_check": round(db_us, 1),
        "interval_index_us_per_check": round(idx_us, 2),
        "ratio_baseline_over_db": round(base_us / db_us, 2),
        "ratio_baseline_over_index": round(base_us / idx_us, 1),
        "queries_per_db_check": queries_per_check,
    }
    print(f"{N_BOOKINGS} bookings, {N_CHECKS} checks, {base_hits} conflicts")
    print(f"  baseline linear scan   {base_us:10.1f} µs/check")
    print(
        f"  indexed DB query       {db_us:10.1f} µs/check  ({queries_per_check} query)  ratio {base_us / db_us:6.2f}"
    )
    print(f"  IntervalIndex (bisect) {idx_us:10.2f} µs/check  ratio {base_us / idx_us:6.1f}")
    write_result("administration_booking", results)


if __name__ == "__main__":
    main()
