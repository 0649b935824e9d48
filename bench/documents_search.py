"""Search over N generated German documents (default 20,000; 200–400 words, compound-rich)
with permission filtering (user in 1 of 50 organisations, ~30 % of documents visible), next to
the bare engine on a plain table of the same text with the same ranking: hits with a term in
the title first, each tier ranked (FTS5 bm25 / PostgreSQL ts_rank), the text tier only when the
title tier does not fill the page, titles fetched with the hits.
Also times the index build (our rebuild vs. the bare engine's build).

    PYTHONPATH=src .venv/bin/python bench/documents_search.py [--docs 100000] [--pg]

--pg runs on a throw-away PostgreSQL database (postgres@127.0.0.1:5432, trust auth).
--db names the SQLite file / PostgreSQL database; --reuse keeps an existing one from an earlier
run with --keep (no generation, no build timing), for iterating on the query side; --out writes
the JSON elsewhere than bench/results/.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

parser = argparse.ArgumentParser()
parser.add_argument("--docs", type=int, default=20_000)
parser.add_argument("--queries", type=int, default=300)
parser.add_argument("--pg", action="store_true")
parser.add_argument("--db", help="SQLite path or PostgreSQL database name")
parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database afterwards")
parser.add_argument("--reuse", action="store_true", help="query an existing database (from --keep)")
parser.add_argument("--out", help="result JSON path (default bench/results/documents_search_<engine>.json)")
args = parser.parse_args()

ENGINE = "postgresql" if args.pg else "sqlite"
if args.pg:
    db_name = args.db or "ikonnekt_bench_search"
    if not args.reuse:
        for sql in (f"DROP DATABASE IF EXISTS {db_name}", f"CREATE DATABASE {db_name}"):
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True)
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{db_name}"
else:
    db = Path(args.db or "/tmp/ikonnekt_bench_search.sqlite3")
    if not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    os.environ["SQLITE_PATH"] = str(db)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikonnekt.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-search-not-secret-0123456789abcdefghijklmnopqrstuvwxyz")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import django  # noqa: E402

django.setup()
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

call_command("migrate", verbosity=0)

from django.contrib.auth import get_user_model  # noqa: E402

from ikonnekt.cooperations.models import Cooperation, Participation  # noqa: E402
from ikonnekt.documents.models import Document  # noqa: E402
from ikonnekt.organizations.models import Membership, Organisation  # noqa: E402
from ikonnekt.search import indexer  # noqa: E402
from ikonnekt.search.engine import search  # noqa: E402
from ikonnekt.search.text import fold  # noqa: E402

rng = random.Random(42)
HEADS = [
    "Gewerbe",
    "Wohn",
    "Grün",
    "Abfall",
    "Energie",
    "Wärme",
    "Strom",
    "Bau",
    "Rad",
    "Schul",
    "Wasser",
    "Kompost",
    "Klima",
    "Boden",
    "Regen",
    "Straßen",
    "Stadt",
    "Kreis",
    "Gemeinde",
    "Verkehrs",
    "Flächen",
    "Holz",
    "Sanierungs",
    "Bürger",
]
TAILS = [
    "gebiet",
    "fläche",
    "schnitt",
    "plan",
    "konzept",
    "bericht",
    "vertrag",
    "anlage",
    "netz",
    "versorgung",
    "verwertung",
    "management",
    "satzung",
    "bilanz",
    "projekt",
    "haushalt",
    "ordnung",
    "zentrale",
    "weg",
    "platz",
    "förderung",
    "kataster",
]
PLURAL = {
    "gebiet": "gebiete",
    "plan": "pläne",
    "konzept": "konzepte",
    "bericht": "berichte",
    "vertrag": "verträge",
    "anlage": "anlagen",
    "netz": "netze",
    "projekt": "projekte",
    "weg": "wege",
    "platz": "plätze",
    "fläche": "flächen",
}
COMMON = (
    "der die das und mit für von im am zur zum auf bei nach über eine ein einer den dem des sowie werden wird "
    "Gemeinde Kreisstadt Landkreis Verwaltung Sitzung Beschluss Antrag Angebot Kosten Euro Tonnen Jahr Bürgerinnen "
    "Nalbach Saarlouis Erfurt Spremberg Eisenhüttenstadt gemeinsam nachhaltig kommunal regional Kreislaufwirtschaft"
).split()
COMPOUNDS = [h + t for h in HEADS for t in TAILS]
COMPOUND_PL = [h + PLURAL.get(t, t) for h in HEADS for t in TAILS]
VOCAB = COMMON + COMPOUNDS + COMPOUND_PL
WEIGHTS = [1.0 / (i + 1) ** 0.9 for i in range(len(VOCAB))]
rng.shuffle(WEIGHTS[len(COMMON) :])


def text(n):
    return " ".join(rng.choices(VOCAB, WEIGHTS, k=n))


User = get_user_model()


def generate():
    print(f"[{ENGINE}] generating {args.docs} documents …", flush=True)
    t0 = time.perf_counter()
    orgs = [
        Organisation.objects.create(
            name=f"Bench-Gemeinde {i}", slug=f"bench-{i}", code=f"B{i}", kind="municipality"
        )
        for i in range(50)
    ]
    user = User.objects.create_user("bench-user", password="x" * 12)
    Membership.objects.create(user=user, organisation=orgs[0], role="viewer")
    coop = Cooperation.objects.create(
        name="Bench-Kooperation", form="arbeitskreis", status="active", owner=orgs[0], visibility="platform"
    )
    Participation.objects.create(cooperation=coop, organisation=orgs[0], part="lead")
    other_coop = Cooperation.objects.create(
        name="Andere Kooperation", form="arbeitskreis", status="active", owner=orgs[1], visibility="platform"
    )
    Participation.objects.create(cooperation=other_coop, organisation=orgs[1], part="lead")
    Through = Document.shared_with.through
    batch, shares = [], []
    for i in range(args.docs):
        r = rng.random()
        visibility = "platform" if r < 0.20 else ("cooperation" if r < 0.30 else "private")
        batch.append(
            Document(
                owner=orgs[rng.randrange(50)],
                visibility=visibility,
                title=text(rng.randint(3, 8)).capitalize(),
                kind=rng.choice(["letter", "minutes", "report", "contract"]),
                content=text(rng.randint(200, 400)),
                extraction="done",
            )
        )
        if len(batch) == 5000 or i == args.docs - 1:
            with transaction.atomic():
                created = Document.objects.bulk_create(batch)
                for d in created:
                    if d.visibility == "cooperation":
                        shares.append(
                            Through(
                                document_id=d.pk,
                                cooperation_id=coop.pk if rng.random() < 0.8 else other_coop.pk,
                            )
                        )
                Through.objects.bulk_create(shares)
            batch, shares = [], []
    print(f"  generated in {time.perf_counter() - t0:.0f} s", flush=True)

    # --- index build: ours vs bare -----------------------------------------------------------------
    t0 = time.perf_counter()
    indexer.rebuild(keys=["documents.document"])
    ours_build = time.perf_counter() - t0
    rows = list(Document.objects.values_list("pk", "title", "content"))
    t0 = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        if ENGINE == "sqlite":
            cur.execute("CREATE VIRTUAL TABLE bare_fts USING fts5(title, body)")
            cur.executemany("INSERT INTO bare_fts(rowid, title, body) VALUES (%s, %s, %s)", rows)
        else:
            cur.execute("CREATE TABLE bare_pg (id bigint primary key, title text, body text, tsv tsvector)")
            cur.executemany("INSERT INTO bare_pg (id, title, body) VALUES (%s, %s, %s)", rows)
            cur.execute(
                "UPDATE bare_pg SET tsv = setweight(to_tsvector('german', title), 'A') || setweight(to_tsvector('german', body), 'B')"
            )
            cur.execute("CREATE INDEX bare_pg_tsv ON bare_pg USING gin(tsv)")
    bare_build = time.perf_counter() - t0
    if ENGINE == "postgresql":
        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE") if connection.get_autocommit() else None
    del rows
    print(
        f"  index build: ours {ours_build:.1f} s, bare {bare_build:.1f} s (ratio {ours_build / bare_build:.2f})",
        flush=True,
    )
    return user, ours_build, bare_build


if args.reuse:
    user, ours_build, bare_build = User.objects.get(username="bench-user"), None, None
    args.docs = Document.objects.count()
else:
    user, ours_build, bare_build = generate()

# --- queries -------------------------------------------------------------------------------------
qrng = random.Random(7)  # its own generator: the same queries with and without --reuse
queries = []
for i in range(args.queries):
    words = (
        qrng.sample(COMPOUNDS + COMPOUND_PL, 2)
        if i % 2
        else [qrng.choice(COMPOUNDS + COMPOUND_PL + COMMON[25:])]
    )
    if i % 5 == 0:
        words = [fold(w).capitalize() for w in words]  # typed without umlauts
    queries.append(" ".join(words))


def bare(q):
    """The bare engine with our ranking: hits with a term in the title first, each tier ranked
    (bm25 / ts_rank, title weighted), the second tier only when the first does not fill the
    page, titles fetched with the hits."""
    words = ['"' + w.replace('"', "") + '"' for w in q.split()]
    with connection.cursor() as cur:
        if ENGINE == "sqlite":
            match = " ".join(words)
            in_title = "title : (" + " OR ".join(words) + ")"
            rows = []
            for tier in (f"({in_title}) AND ({match})", f"({match}) NOT ({in_title})"):
                cur.execute(
                    "SELECT rowid, title FROM bare_fts WHERE bare_fts MATCH %s "
                    "ORDER BY bm25(bare_fts, 10.0, 1.0) LIMIT %s",
                    [tier, 20 - len(rows)],
                )
                rows += cur.fetchall()
                if len(rows) >= 20:
                    break
            return rows
        cur.execute(
            "SELECT id, title FROM bare_pg WHERE tsv @@ plainto_tsquery('german', %s) "
            "ORDER BY (to_tsvector('german', title) @@ plainto_tsquery('german', %s)) DESC, "
            "ts_rank(tsv, plainto_tsquery('german', %s)) DESC LIMIT 20",
            [q, q, q],
        )
        return cur.fetchall()


def summary(times):
    times = sorted(times)
    return {
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
        "max_ms": round(times[-1], 2),
    }


def timed(**fns):
    """Times every function on every query, interleaved (query by query), so load from other
    processes on the machine hits all of them alike. Also the CPU time of this thread: on
    SQLite all the work runs here, so it shows the cost without waiting for a shared CPU."""
    wall = {name: [] for name in fns}
    cpu = {name: [] for name in fns}
    for q in queries:
        for name, fn in fns.items():
            t, c = time.perf_counter(), time.thread_time()
            fn(q)
            cpu[name].append((time.thread_time() - c) * 1000)
            wall[name].append((time.perf_counter() - t) * 1000)
    return {name: summary(ts) for name, ts in wall.items()}, {name: summary(ts) for name, ts in cpu.items()}


user = User.objects.get(pk=user.pk)
for q in queries[:20]:  # warm caches
    bare(q)
    search(user, q, models=["documents.document"])
visible = Document.objects.visible_to(user).count()
load_before = os.getloadavg()
timings, cpu_timings = timed(
    bare=bare,
    ours_hits=lambda q: search(user, q, models=["documents.document"], with_facets=False),
    ours_hits_and_facets=lambda q: search(user, q, models=["documents.document"]),
)
result = {
    "engine": ENGINE,
    "documents": args.docs,
    "visible_share": round(visible / args.docs, 3),
    "queries": len(queries),
    "index_build_s": None
    if ours_build is None
    else {
        "ours": round(ours_build, 1),
        "bare": round(bare_build, 1),
        "ratio": round(ours_build / bare_build, 2),
    },
    **timings,
}
if ENGINE == "sqlite":
    result["cpu_time"] = cpu_timings
    result["ratio_p95_cpu_ours_vs_bare"] = round(
        cpu_timings["ours_hits"]["p95_ms"] / cpu_timings["bare"]["p95_ms"], 2
    )
result["ratio_p95_ours_vs_bare"] = round(result["ours_hits"]["p95_ms"] / result["bare"]["p95_ms"], 2)
result["ratio_p95_facets_vs_bare"] = round(
    result["ours_hits_and_facets"]["p95_ms"] / result["bare"]["p95_ms"], 2
)
result["ratio_median_ours_vs_bare"] = round(result["ours_hits"]["median_ms"] / result["bare"]["median_ms"], 2)
result["load_average_before"] = load_before
result["load_average"] = os.getloadavg()
print(json.dumps(result, indent=2))
out = Path(args.out) if args.out else Path(__file__).parent / "results" / f"documents_search_{ENGINE}.json"
out.write_text(json.dumps(result, indent=2) + "\n")
if args.pg and not args.keep:
    connection.close()
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE IF EXISTS {db_name}"])
