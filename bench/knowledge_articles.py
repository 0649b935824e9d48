"""Knowledge base with 5,000 articles: list page, filtered list, detail page and search.

Measures, in one run on a throw-away SQLite database:

* the article list page (20 per page, tags, SDG badges, tag cloud) with 50 and with 5,000
  articles: query count (must not grow) and latency ratio,
* the filtered list (tag + SDG) at 5,000,
* the detail page with the stored sanitised HTML against a baseline that renders the Markdown
  on every request (what the stored ``body_html`` saves),
* rendering + sanitising throughput (python-markdown + nh3) per article,
* the global search over 5,000 articles.

    PYTHONPATH=src /work/main/.venv/bin/python bench/knowledge_articles.py [--articles 5000]
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def configure():
    sys.path.insert(0, str(ROOT / "src"))
    tmp = Path(tempfile.mkdtemp(prefix="ikonnekt-bench-knowledge-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikonnekt.settings")
    os.environ["IKONNEKT_DATA_DIR"] = str(tmp)
    os.environ["SQLITE_PATH"] = str(tmp / "bench.sqlite3")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.conf import settings

    # Plain static storage: the benchmark measures pages, not a collected manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.management import call_command

    # Not setup_test_environment(): its instrumented template rendering would dominate timings.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    return tmp


WORDS = (
    "Grüngut Biomasse Heizwerk Kommune Kooperation Zweckvereinbarung Personalstelle Klimaschutz "
    "Gewerbegebiet Kriterienkatalog Recycling Baustoffe Fläche Energie Wärme Sammelplatz Menge "
    "Vertrag Kosten Schlüssel Landkreis Gemeinde Erfahrung Planung Wasser Mobilität"
).split()


def markdown_body(rng, paragraphs=8):
    parts = []
    for p in range(paragraphs):
        parts.append(f"## {rng.choice(WORDS)} {p + 1}")
        parts.append(" ".join(rng.choice(WORDS) for _ in range(60)) + " **wichtig** und *betont*.")
        if p % 3 == 0:
            parts.append("| Kennzahl | Wert |\n|---|---|\n| Menge | 2.400 t/a |\n| Anteil | 35 % |")
        if p % 2 == 0:
            parts.append("\n".join(f"- {rng.choice(WORDS)} {rng.choice(WORDS)}" for _ in range(4)))
    return "\n\n".join(parts)


def build(rng, start, count, ctx):
    from ikonnekt.knowledge.markdown_render import render_markdown
    from ikonnekt.knowledge.models import Article

    through_tags, through_sdgs, through_shared = (
        Article.tags.through,
        Article.sdgs.through,
        Article.shared_with.through,
    )
    render_times = []
    articles = []
    # 250 distinct bodies (each rendered and timed once) are reused, so building 5,000
    # articles stays within a minute on a small machine; the list never reads the bodies.
    while len(ctx["bodies"]) < 250:
        body = markdown_body(rng)
        t0 = time.perf_counter()
        html = render_markdown(body)
        render_times.append((time.perf_counter() - t0) * 1000)
        ctx["bodies"].append((body, html))
    for i in range(start, start + count):
        body, html = ctx["bodies"][i % len(ctx["bodies"])]
        articles.append(
            Article(
                title=f"Artikel {i}: {rng.choice(WORDS)} und {rng.choice(WORDS)}",
                kind=rng.choice(["fact_sheet", "good_practice", "lessons_learned", "guide"]),
                summary=" ".join(rng.choice(WORDS) for _ in range(20)),
                body=body,
                body_html=html,
                owner=rng.choice(ctx["orgs"]),
                visibility=rng.choice(["private", "cooperation", "platform", "public"]),
                reviewed=rng.random() < 0.5,
                helpful_count=rng.randint(0, 12),
            )
        )
    Article.objects.bulk_create(articles, batch_size=500)
    tags, shared, sdgs = [], [], []
    for a in articles:
        for tag in rng.sample(ctx["tags"], 3):
            tags.append(through_tags(article_id=a.pk, tag_id=tag.pk))
        for n in rng.sample(range(1, 18), 2):
            sdgs.append(through_sdgs(article_id=a.pk, sdg_id=n))
        if a.visibility == "cooperation":
            shared.append(through_shared(article_id=a.pk, cooperation_id=ctx["coop"].pk))
    through_tags.objects.bulk_create(tags, batch_size=2000)
    through_sdgs.objects.bulk_create(sdgs, batch_size=2000)
    through_shared.objects.bulk_create(shared, batch_size=2000)
    return render_times


def timed_get(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches
    times, cpu_times, sql_times, queries = [], [], [], None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            cpu_times.append((time.process_time() - c0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(ctx.captured_queries)
        sql_times.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
    return {
        "median_ms": round(statistics.median(times), 2),
        # CPU time of this process: less disturbed than wall time on a shared, loaded machine.
        "cpu_median_ms": round(statistics.median(cpu_times), 2),
        "sql_median_ms": round(statistics.median(sql_times), 2),
        "queries": queries,
        "n": repeat,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    tmp = configure()

    from django.contrib.auth import get_user_model
    from django.test import Client

    from ikonnekt.cooperations.models import Cooperation, Participation
    from ikonnekt.knowledge.markdown_render import render_markdown
    from ikonnekt.knowledge.models import Article, Tag
    from ikonnekt.organizations.models import Membership, Organisation
    from ikonnekt.search.engine import search_all

    rng = random.Random(2100)
    orgs = [
        Organisation.objects.create(name=f"Gemeinde {i}", slug=f"gemeinde-{i}", kind="municipality")
        for i in range(12)
    ]
    user = get_user_model().objects.create_user("leserin", password="x")
    Membership.objects.create(user=user, organisation=orgs[0], role="viewer")
    coop = Cooperation.objects.create(
        name="Transfer", form="netzwerk", status="active", owner=orgs[1], visibility="cooperation"
    )
    for org in orgs[:4]:
        Participation.objects.create(cooperation=coop, organisation=org, part="partner")
    tags = Tag.for_names([f"{w} {i}" for i, w in enumerate(WORDS)])
    ctx = {"orgs": orgs, "coop": coop, "tags": tags, "bodies": []}
    client = Client()
    client.force_login(user)

    small = 50
    render_ms = build(rng, 0, small, ctx)
    list_small = timed_get(client, "/knowledge/", args.repeat)

    t0 = time.perf_counter()
    build(rng, small, args.articles - small, ctx)
    build_s = time.perf_counter() - t0
    total = Article.objects.count()
    list_large = timed_get(client, "/knowledge/", args.repeat)
    list_last_page = timed_get(client, "/knowledge/?page=50", args.repeat)
    tag = tags[3]
    filtered = timed_get(client, f"/knowledge/?tag={tag.slug}&sdg=12&kind=guide", args.repeat)
    text_search = timed_get(client, "/knowledge/?q=Heizwerk+Vertrag", args.repeat)

    article = Article.objects.visible_to(user).order_by("pk").first()
    detail_stored = timed_get(client, f"/knowledge/{article.pk}/", args.repeat)
    # Baseline: the same page if the Markdown were rendered and sanitised on each request.
    per_request_render = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        render_markdown(article.body)
        per_request_render.append((time.perf_counter() - t0) * 1000)
    render_median = statistics.median(per_request_render)
    detail_baseline_ms = detail_stored["median_ms"] + render_median
    # Baseline for a list: rendering 20 bodies per page request.
    list_render_baseline_ms = list_large["median_ms"] + 20 * render_median

    search_times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        search_all(user, "Heizwerk Vertrag")
        search_times.append((time.perf_counter() - t0) * 1000)

    result = {
        "articles": total,
        "build_seconds": round(build_s, 1),
        "render_markdown_ms_per_article": {
            "median": round(statistics.median(render_ms), 3),
            "p95": round(sorted(render_ms)[int(len(render_ms) * 0.95)], 3),
        },
        "list_50_articles": list_small,
        "list_5000_articles": list_large,
        "list_5000_last_page": list_last_page,
        "list_5000_filtered_tag_sdg_kind": filtered,
        "list_5000_text_search": text_search,
        "query_count_ratio_5000_vs_50": round(list_large["queries"] / list_small["queries"], 3),
        "latency_ratio_5000_vs_50": round(list_large["median_ms"] / list_small["median_ms"], 2),
        "cpu_ratio_5000_vs_50": round(list_large["cpu_median_ms"] / list_small["cpu_median_ms"], 2),
        "sql_ratio_5000_vs_50": round(
            list_large["sql_median_ms"] / max(list_small["sql_median_ms"], 0.01), 2
        ),
        "detail_stored_html": detail_stored,
        "detail_baseline_render_per_request_ms": round(detail_baseline_ms, 2),
        "detail_ratio_stored_vs_render_per_request": round(
            detail_stored["median_ms"] / detail_baseline_ms, 3
        ),
        "list_ratio_stored_vs_render_20_per_request": round(
            list_large["median_ms"] / list_render_baseline_ms, 3
        ),
        "global_search_ms_median": round(statistics.median(search_times), 2),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "knowledge_articles.json"
    out.write_text(json.dumps(result, indent=2))
    print(f"articles: {total} (built in {build_s:.1f} s)")
    print(
        f"render+sanitise per article: median {result['render_markdown_ms_per_article']['median']} ms, "
        f"p95 {result['render_markdown_ms_per_article']['p95']} ms"
    )
    print(
        f"list page   50: {list_small['median_ms']} ms (SQL {list_small['sql_median_ms']} ms), "
        f"{list_small['queries']} queries"
    )
    print(
        f"list page 5000: {list_large['median_ms']} ms (SQL {list_large['sql_median_ms']} ms), "
        f"{list_large['queries']} queries"
    )
    print(f"  query-count ratio 5000/50: {result['query_count_ratio_5000_vs_50']}")
    print(f"  latency ratio 5000/50:     {result['latency_ratio_5000_vs_50']} (wall)")
    print(
        f"  CPU ratio 5000/50:         {result['cpu_ratio_5000_vs_50']} "
        f"({list_small['cpu_median_ms']} → {list_large['cpu_median_ms']} ms CPU)"
    )
    print(f"  SQL time ratio 5000/50:    {result['sql_ratio_5000_vs_50']}")
    print(f"list last page (50): {list_last_page['median_ms']} ms, {list_last_page['queries']} queries")
    print(f"filtered (tag+SDG+kind): {filtered['median_ms']} ms, {filtered['queries']} queries")
    print(f"text filter: {text_search['median_ms']} ms, {text_search['queries']} queries")
    print(
        f"detail page stored HTML: {detail_stored['median_ms']} ms vs render per request "
        f"{detail_baseline_ms:.2f} ms (ratio {result['detail_ratio_stored_vs_render_per_request']})"
    )
    print(
        f"list page vs rendering 20 bodies per request: ratio {result['list_ratio_stored_vs_render_20_per_request']}"
    )
    print(f"global search: {result['global_search_ms_median']} ms")
    print(f"written: {out}")
    import shutil

    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
