"""Bench: the site map with 10,000 sites, served as paged GeoJSON (1,000 features a page) and
cut to the map's bounding box.

Baseline (same run): one unpaged FeatureCollection of all 10,000 sites, as a naive map would
load it. Prints median/p95 latencies of page 1, the last page and a bbox request, their ratios
to the baseline, and writes bench/results/planning_sitemap.json.

    PYTHONPATH=src DEBUG=1 /work/main/.venv/bin/python bench/planning_sitemap.py
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

DB = "/tmp/bench_planning_sitemap.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikonnekt.settings")
os.environ.setdefault("DEBUG", "1")
os.environ["SQLITE_PATH"] = DB
for suffix in ("", "-wal", "-shm"):
    Path(DB + suffix).unlink(missing_ok=True)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

N_SITES = int(os.environ.get("BENCH_SITES", "10000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "7"))


def build(owner):
    import random

    from pyproj import Transformer

    from ikonnekt.planning.models import Site

    rng = random.Random(2100)
    to_wgs = Transformer.from_crs("EPSG:25832", "EPSG:4326", always_xy=True)
    rows = []
    for i in range(N_SITES):
        # Spread over the district (about 30 × 25 km around Saarlouis), 15–60 m rectangles.
        x, y = 330_000 + rng.uniform(0, 30_000), 5_455_000 + rng.uniform(0, 25_000)
        w, h = rng.uniform(15, 60), rng.uniform(15, 60)
        ring = [
            list(to_wgs.transform(px, py))
            for px, py in [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]
        ]
        lon, lat = to_wgs.transform(x + w / 2, y + h / 2)
        rows.append(
            Site(
                owner=owner,
                visibility="platform",
                name=f"Fläche {i}",
                category="gap",
                geometry={"type": "Polygon", "coordinates": [ring]},
                area_m2=w * h,
                centroid_lat=lat,
                centroid_lon=lon,
            )
        )
    Site.objects.bulk_create(rows, batch_size=2000)


def timed(client, url):
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(url)
        body = response.content
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, url
    data = json.loads(body)
    times.sort()
    return {
        "median_ms": round(statistics.median(times) * 1000, 1),
        "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))] * 1000, 1),
        "features": len(data["features"]),
        "bytes": len(body),
    }


def baseline_full(client):
    """The naive alternative: every visible site in one response (all pages concatenated
    server-side by asking for a page size of everything)."""
    from ikonnekt.planning import views

    old = views.PAGE_SIZE
    views.PAGE_SIZE = N_SITES
    try:
        return timed(client, "/planning/sites/geojson/")
    finally:
        views.PAGE_SIZE = old


def main():
    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = ["*"]
    from django.contrib.auth import get_user_model

    from ikonnekt.organizations.models import Membership, Organisation

    org = Organisation.objects.create(
        name="Gemeinde Bench", slug="bench", kind="municipality", inhabitants=10000
    )
    user = get_user_model().objects.create_user("bench", password="x")
    Membership.objects.create(user=user, organisation=org, role="editor")
    t0 = time.perf_counter()
    build(org)
    setup = time.perf_counter() - t0
    client = Client()
    client.force_login(user, backend="ikonnekt.accounts.backends.UsernameOrEmailBackend")

    base = baseline_full(client)
    first = timed(client, "/planning/sites/geojson/?page=1")
    pages = json.loads(client.get("/planning/sites/geojson/").content)["pages"]
    last = timed(client, f"/planning/sites/geojson/?page={pages}")
    # A map view of about 5 × 4 km (a municipality at zoom 13).
    bbox = timed(client, "/planning/sites/geojson/?bbox=6.72,49.33,6.79,49.37")
    result = {
        "sites": N_SITES,
        "page_size": 1000,
        "pages": pages,
        "repeat": REPEAT,
        "baseline_unpaged": base,
        "page_1": first,
        "last_page": last,
        "bbox_municipality": bbox,
        "ratio_page1_to_baseline": round(first["median_ms"] / base["median_ms"], 3),
        "ratio_bbox_to_baseline": round(bbox["median_ms"] / base["median_ms"], 3),
        "setup_s": round(setup, 1),
    }
    print(json.dumps(result, indent=2))
    print(
        f"site map, {N_SITES:,} sites: unpaged {base['median_ms']:.0f} ms ({base['bytes'] / 1e6:.1f} MB); "
        f"page 1 {first['median_ms']:.0f} ms (×{result['ratio_page1_to_baseline']}), last page "
        f"{last['median_ms']:.0f} ms, bbox {bbox['median_ms']:.0f} ms for {bbox['features']} sites "
        f"(×{result['ratio_bbox_to_baseline']})"
    )
    out = Path(__file__).parent / "results" / "planning_sitemap.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
