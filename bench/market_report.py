"""Reconciling hub report for 5,000 orders (≈ 20,000 lines) vs a 500-order baseline.

Measures building the rows from the database plus the report (Decimal, per-line rounding)
and checks that it reconciles. Usage: PYTHONPATH=src .venv/bin/python bench/market_report.py
"""

import datetime as dt
import json
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from market_setup import RESULTS, setup_django  # noqa: E402

setup_django()

from django.contrib.auth import get_user_model  # noqa: E402
from django.utils import timezone  # noqa: E402

from ikonnekt.market import queries, reports  # noqa: E402
from ikonnekt.market.models import Order, OrderCycle, OrderLine, PickupPoint, Product, ProductVariant  # noqa: E402
from ikonnekt.organizations.models import Organisation  # noqa: E402

PRICES = [Decimal(p) for p in ("0.33", "1.99", "2.49", "3.33", "4.90", "7.50", "12.99")]
RATES = [Decimal("7.00"), Decimal("19.00")]


def build(n_orders, tag, rng):
    producers = Organisation.objects.bulk_create(
        [Organisation(name=f"Erzeuger {tag}-{i}", slug=f"erz-{tag}-{i}", kind="company") for i in range(40)]
    )
    products = Product.objects.bulk_create(
        [
            Product(owner=producers[i % 40], name=f"P {tag}-{i}", category="fruit", visibility="public")
            for i in range(400)
        ]
    )
    variants = ProductVariant.objects.bulk_create(
        [
            ProductVariant(
                product=p,
                name="v",
                unit="piece",
                price=rng.choice(PRICES),
                vat_rate=rng.choice(RATES),
                deposit=rng.choice([Decimal("0"), Decimal("0.15")]),
            )
            for p in products
        ]
    )
    owner_of = {p.pk: p.owner_id for p in products}
    now = timezone.now()
    cycle = OrderCycle.objects.create(
        owner=producers[0],
        name=f"Report {tag}",
        opens_at=now - dt.timedelta(days=7),
        closes_at=now - dt.timedelta(hours=1),
        fee_percent=Decimal("7.5"),
    )
    points = [
        PickupPoint.objects.create(
            cycle=cycle,
            name=f"Punkt {i}",
            address="x",
            municipality="Nalbach",
            pickup_from=now,
            pickup_until=now,
            delivery_fee=Decimal(f),
        )
        for i, f in enumerate(("0", "3.50"))
    ]
    User = get_user_model()
    users = User.objects.bulk_create([User(username=f"k-{tag}-{i}") for i in range(n_orders)])
    orders = Order.objects.bulk_create(
        [
            Order(
                cycle=cycle,
                customer=u,
                status="placed",
                number=f"{tag}-{i}",
                pickup_point=points[i % 2],
                delivery_fee=points[i % 2].delivery_fee,
            )
            for i, u in enumerate(users)
        ]
    )
    lines = []
    for order in orders:
        for v in rng.sample(variants, 4):
            lines.append(
                OrderLine(
                    order=order,
                    variant=v,
                    producer_id=owner_of[v.product_id],
                    quantity=Decimal(rng.choice(["1", "2", "3", "0.5", "1.25"])),
                    unit_price=v.price,
                    vat_rate=v.vat_rate,
                    deposit=v.deposit,
                    fee_percent=cycle.fee_percent,
                )
            )
    OrderLine.objects.bulk_create(lines, batch_size=2000)
    return cycle, len(lines)


def measure(cycle, repeat=3):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        report = reports.hub_report(queries.cycle_rows(cycle.pk))
        times.append(time.perf_counter() - t0)
    return min(times), report


def main():
    rng = random.Random(42)
    small, small_lines = build(500, "s", rng)
    large, large_lines = build(5000, "l", rng)
    t_small, r_small = measure(small)
    t_large, r_large = measure(large)
    result = {
        "benchmark": "market_report",
        "baseline_500_orders": {
            "lines": small_lines,
            "seconds": round(t_small, 3),
            "reconciles": r_small["reconciles"],
        },
        "5000_orders": {
            "lines": large_lines,
            "seconds": round(t_large, 3),
            "reconciles": r_large["reconciles"],
            "customer_total_eur": str(r_large["customer_total"]),
            "difference_eur": str(r_large["difference"]),
        },
        "time_ratio_vs_baseline": round(t_large / t_small, 2),
        "size_ratio": round(large_lines / small_lines, 2),
    }
    print(json.dumps(result, indent=2))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "market_report.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
