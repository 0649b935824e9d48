"""Shopfront of an order cycle: latency (p50/p95) and query count for 200 vs 2,000 products.

Baseline: the same cycle page with 200 products / 20 producers, measured in the same run.
Usage: PYTHONPATH=src .venv/bin/python bench/market_shopfront.py
"""

import datetime as dt
import json
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from market_setup import RESULTS, percentile, setup_django  # noqa: E402

setup_django()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from ikonnekt.market.models import OrderCycle, PickupPoint, Product, ProductVariant  # noqa: E402
from ikonnekt.organizations.models import Organisation  # noqa: E402

REQUESTS = 30


def build(n_products, n_producers, tag):
    producers = Organisation.objects.bulk_create(
        [
            Organisation(name=f"Hof {tag}-{i}", slug=f"hof-{tag}-{i}", kind="company")
            for i in range(n_producers)
        ]
    )
    products = Product.objects.bulk_create(
        [
            Product(
                owner=producers[i % n_producers],
                name=f"Produkt {tag}-{i}",
                category="vegetables",
                visibility="public",
            )
            for i in range(n_products)
        ]
    )
    variants = ProductVariant.objects.bulk_create(
        [
            ProductVariant(
                product=p,
                name="1 kg",
                unit="kg",
                price=Decimal("2.49"),
                vat_rate=Decimal("7.00"),
                stock=Decimal("50"),
            )
            for p in products
        ]
    )
    now = timezone.now()
    cycle = OrderCycle.objects.create(
        owner=producers[0],
        name=f"Bench {tag}",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=2),
        visibility="public",
    )
    cycle.variants.set(variants)
    PickupPoint.objects.create(
        cycle=cycle,
        name="Rathaus",
        address="x",
        municipality="Nalbach",
        pickup_from=now,
        pickup_until=now + dt.timedelta(hours=2),
    )
    return cycle


def measure(client, cycle):
    url = f"/market/cycles/{cycle.pk}/"
    client.get(url)  # warm-up (template loading, caches)
    times = []
    for _ in range(REQUESTS):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {
        "p50_ms": round(percentile(times, 50), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "queries": len(queries),
    }


def main():
    user = get_user_model().objects.create_user("kunde-bench", password="x")
    client = Client()
    client.force_login(user)
    small = build(200, 20, "s")
    large = build(2000, 200, "l")
    base = measure(client, small)
    big = measure(client, large)
    result = {
        "benchmark": "market_shopfront",
        "requests_per_size": REQUESTS,
        "baseline_200_products_20_producers": base,
        "2000_products_200_producers": big,
        "p95_ratio_vs_baseline": round(big["p95_ms"] / base["p95_ms"], 2),
        "query_count_constant": base["queries"] == big["queries"],
    }
    print(json.dumps(result, indent=2))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "market_shopfront.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
