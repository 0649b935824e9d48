"""Annual settlement for 50 organisations × 10,000 usage records.

Measures freezing the inputs (database aggregation) + computing the settlement, and compares it with
a baseline measured in the same run: reading every usage record into Python and summing there.
Also records the number of queries for 1,000 and 10,000 records (it must not grow).

Run: PYTHONPATH=src .venv/bin/python bench/administration_settlement.py
"""

import random
import statistics
import time
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from administration_common import organisations_and_cooperation, setup_django, write_result

N_ORGS = 50
SIZES = (1_000, 10_000)
REPEAT = 5


def main():
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ikonnekt.administration import models as m
    from ikonnekt.administration.costkeys import settle
    from ikonnekt.administration.settlement import freeze_inputs

    orgs, coop = organisations_and_cooperation(N_ORGS)
    owner = orgs[0]
    agreement = m.Agreement.objects.create(
        owner=owner, cooperation=coop, title="Bench", kind="zv_mandating", task_field="gruengut"
    )
    m.AgreementParty.objects.bulk_create(
        [m.AgreementParty(agreement=agreement, organisation=o) for o in orgs]
    )
    resource = m.SharedResource.objects.create(owner=owner, cooperation=coop, name="Häcksler", kind="machine")
    key = m.CostKey.objects.create(agreement=agreement, name="Sockel + Nutzung + Einwohner")
    m.CostKeyComponent.objects.create(cost_key=key, basis="equal", weight_percent=30)
    m.CostKeyComponent.objects.create(
        cost_key=key, basis="resource_usage", weight_percent=50, resource=resource
    )
    m.CostKeyComponent.objects.create(
        cost_key=key, basis="inhabitants", weight_percent=20, reference_date=date(2024, 12, 31)
    )
    for label, category, amount, rate in (
        ("Personal", "personnel", "412345.67", None),
        ("Material", "material", "98765.43", None),
        ("Abschreibung", "depreciation", "55000", None),
        ("Gemeinkosten", "overhead", "0", "15"),
    ):
        m.CostItem.objects.create(
            agreement=agreement,
            year=2025,
            category=category,
            label=label,
            amount=Decimal(amount),
            overhead_rate_percent=rate,
            cost_key=key,
        )
    rng = random.Random(42)
    results = {"organisations": N_ORGS, "sizes": {}}
    created = 0
    for size in SIZES:
        rows = [
            m.UsageRecord(
                resource=resource,
                organisation=orgs[rng.randrange(N_ORGS)],
                date=date(2025, 1, 1) + timedelta(days=rng.randrange(365)),
                quantity=Decimal(rng.randint(1, 80)) / 4,
            )
            for _ in range(size - created)
        ]
        m.UsageRecord.objects.bulk_create(rows, batch_size=2000)
        created = size

        def ours():
            return settle(freeze_inputs(agreement, 2025))

        def baseline():
            # read every record and sum in Python (what a spreadsheet export + loop would do)
            totals = defaultdict(Decimal)
            for org_id, q in m.UsageRecord.objects.filter(resource=resource, date__year=2025).values_list(
                "organisation_id", "quantity"
            ):
                totals[org_id] += q
            return totals

        with CaptureQueriesContext(connection) as ctx:
            result = ours()
        queries = len(ctx.captured_queries)
        total_shares = sum(Decimal(p["costs"]) for p in result["parties"].values())
        assert total_shares == Decimal(result["total"]), "shares must add up to the total"
        t_ours, t_base = [], []
        for _ in range(REPEAT):
            t0 = time.perf_counter()
            ours()
            t_ours.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            baseline()
            t_base.append(time.perf_counter() - t0)
        ours_ms = statistics.median(t_ours) * 1000
        base_ms = statistics.median(t_base) * 1000
        results["sizes"][size] = {
            "settlement_ms": round(ours_ms, 2),
            "baseline_read_all_records_ms": round(base_ms, 2),
            "ratio_baseline_over_settlement": round(base_ms / ours_ms, 2),
            "queries": queries,
            "total": result["total"],
        }
        print(
            f"{N_ORGS} orgs × {size:>6} usage records: settlement {ours_ms:8.1f} ms ({queries} queries) | "
            f"baseline (read + sum all records only) {base_ms:8.1f} ms | ratio {base_ms / ours_ms:5.2f}"
        )
    q = [v["queries"] for v in results["sizes"].values()]
    results["queries_independent_of_records"] = len(set(q)) == 1
    print("query count independent of the number of records:", results["queries_independent_of_records"])
    write_result("administration_settlement", results)


if __name__ == "__main__":
    main()
