# SQL here is assembled from fixed fragments and "%s" placeholders only; every value is a parameter.
# ruff: noqa: S608
"""Search over N generated German documents (default 20,000; 200–400 words, compound-rich)
with permission filtering (user in 1 of 50 organisations, ~30 % of documents visible), next to
a bare engine on a plain table of the same documents doing the same work: the same text analysis
(SQLite: our folding and Snowball stemming in Python, as FTS5 has no German stemmer; PostgreSQL:
``to_tsvector('german', search_fold(…))`` as ours), the same ranking (hits with a term in the
title first, each tier ranked by FTS5 bm25 / PostgreSQL ts_rank on the same capped candidate
sets, the text tier only when the title tier does not fill the page), the same columns fetched
(title, text, URL) and the same result (title, URL and highlighted snippet per hit). The bare side
has no permission check, no facets, no total: that is our overhead, which the goal bounds.

Index build: ours (``indexer.rebuild`` of the documents, from the document rows as the product
does it) against the bare build (analysis, URL and insert of the same documents into the bare
table: FTS5 ``executemany`` on SQLite; ``COPY`` into a table with a generated tsvector and GIN
indexes made after loading on PostgreSQL), both into an empty index (cleared before the clock
starts), the bare side's document rows read before its clock starts.

Both parts run ``--runs`` times (at least 3), interleaved, the side that goes first alternating
(queries: per query); the figures are medians over the runs with the spread (min–max) and the
load average; every run's figures are kept in the JSON. DEBUG is off.

    PYTHONPATH=src .venv/bin/python bench/documents_search.py [--docs 100000] [--pg]

--pg runs on a throw-away PostgreSQL database (postgres@127.0.0.1:5432, trust auth).
--db names the SQLite file / PostgreSQL database; --reuse keeps an existing one from an earlier
run with --keep (no generation; the builds are still timed unless --no-build), for iterating
on the query side; --out writes the JSON elsewhere than bench/results/.
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
parser.add_argument("--runs", type=int, default=3, help="interleaved runs per side (at least 3)")
parser.add_argument("--no-build", action="store_true", help="with --reuse: do not time the index builds")
parser.add_argument("--out", help="result JSON path (default bench/results/documents_search_<engine>.json)")
args = parser.parse_args()
args.runs = max(3, args.runs)

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
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.urls import reverse  # noqa: E402

from ikonnekt.cooperations.models import Cooperation, Participation  # noqa: E402
from ikonnekt.documents.models import Document  # noqa: E402
from ikonnekt.organizations.models import Membership, Organisation  # noqa: E402
from ikonnekt.search import indexer  # noqa: E402
from ikonnekt.search.engine import CANDIDATE_CAP, search  # noqa: E402
from ikonnekt.search.snippets import snippet  # noqa: E402
from ikonnekt.search.text import _fts5_term, analyse, fold, fts5_query, parse_query, tsquery, tsquery_any  # noqa: E402

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

    return user


# --- index build: ours vs bare -----------------------------------------------------------------
BARE_VECTOR = (
    "setweight(to_tsvector('german'::regconfig, search_fold(title)), 'A') || "
    "setweight(to_tsvector('german'::regconfig, search_fold(body)), 'B')"
)


def drop_bare():
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bare_fts" if ENGINE == "sqlite" else "DROP TABLE IF EXISTS bare_pg")


def build_bare(docs):
    """The bare engine's index of ``docs`` (pk, title, content): the same analysis and URL as
    ours, one transaction."""
    with transaction.atomic(), connection.cursor() as cur:
        if ENGINE == "sqlite":
            cur.execute(
                "CREATE VIRTUAL TABLE bare_fts USING fts5(title UNINDEXED, body UNINDEXED, url UNINDEXED, "
                "title_idx, body_idx, tokenize='unicode61 remove_diacritics 0')"
            )
            rows = (
                (pk, title, body, reverse("documents:detail", args=[pk]), analyse(title), analyse(body))
                for pk, title, body in docs
            )
            cur.cursor.executemany(
                "INSERT INTO bare_fts(rowid, title, body, url, title_idx, body_idx) VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
        else:
            cur.execute(
                "CREATE TABLE bare_pg (id bigint PRIMARY KEY, title text, body text, url text, "
                f"tsv tsvector GENERATED ALWAYS AS ({BARE_VECTOR}) STORED)"
            )
            with cur.cursor.copy("COPY bare_pg (id, title, body, url) FROM STDIN") as copy:
                for pk, title, body in docs:
                    copy.write_row((pk, title, body, reverse("documents:detail", args=[pk])))
            cur.execute("CREATE INDEX bare_pg_tsv ON bare_pg USING gin(tsv)")
            cur.execute(
                "CREATE INDEX bare_pg_title ON bare_pg USING gin(to_tsvector('german', search_fold(title)))"
            )


def clear_ours(ct):
    """Empty our index of documents (outside the clock, as the bare side's drop)."""
    with transaction.atomic():
        indexer.clear(ct)


def time_builds():
    """Ours and bare, ``args.runs`` times each, interleaved, the first side alternating; both
    into an empty index."""
    ct = ContentType.objects.get_for_model(Document)
    Document.objects.first().get_absolute_url()  # the URLconf is loaded in a running site
    runs = []
    for run in range(args.runs):
        load = os.getloadavg()[0]
        times, cpu = {}, {}
        for side in ("ours", "bare") if run % 2 == 0 else ("bare", "ours"):
            if side == "ours":
                clear_ours(ct)
                t0, c0 = time.perf_counter(), time.process_time()
                indexer.rebuild(keys=["documents.document"])
            else:
                drop_bare()
                docs = list(Document.objects.order_by("pk").values_list("pk", "title", "content"))
                t0, c0 = time.perf_counter(), time.process_time()
                build_bare(docs)
                del docs
            times[side] = time.perf_counter() - t0
            cpu[side] = time.process_time() - c0
        runs.append(
            {
                "ours_s": round(times["ours"], 2),
                "bare_s": round(times["bare"], 2),
                "ratio": round(times["ours"] / times["bare"], 2),
                # CPU time of this process: on SQLite all the work, on PostgreSQL the client's part
                "cpu_ours_s": round(cpu["ours"], 2),
                "cpu_bare_s": round(cpu["bare"], 2),
                "cpu_ratio": round(cpu["ours"] / cpu["bare"], 2),
                "first": "ours" if run % 2 == 0 else "bare",
                "load_1m_before": round(load, 2),
            }
        )
        print(f"  index build run {run + 1}: {runs[-1]}", flush=True)
    if ENGINE == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    return {
        "ours_s": spread([r["ours_s"] for r in runs]),
        "bare_s": spread([r["bare_s"] for r in runs]),
        "ratio": spread([r["ratio"] for r in runs]),
        "cpu_ratio": spread([r["cpu_ratio"] for r in runs]),
        "runs": runs,
    }


def spread(values):
    return {"median": round(statistics.median(values), 3), "min": min(values), "max": max(values)}


load_at_start = os.getloadavg()
if args.reuse:
    user = User.objects.get(username="bench-user")
    args.docs = Document.objects.count()
else:
    user = generate()
build = None if args.no_build else time_builds()

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
    """The bare engine with our ranking and our result: the query analysed as ours (the same
    stems), hits with a term in the title first, each tier ranked (bm25 with the title weighted
    10× / ts_rank on the same capped candidate sets), the second tier only when the first does
    not fill the page; title, text and URL fetched for the page's hits, a snippet made of each."""
    parsed = parse_query(q)
    with connection.cursor() as cur:
        if ENGINE == "sqlite":
            terms = fts5_query(parsed)
            in_title = "title_idx : (" + " OR ".join(_fts5_term(t) for t in parsed.positive) + ")"
            rows = []
            for tier in (f"({in_title}) AND ({terms})", f"({terms}) NOT ({in_title})"):
                cur.execute(
                    "SELECT r.id, r.score, b.title, b.body, b.url FROM (SELECT rowid AS id, "
                    "bm25(bare_fts, 0.0, 0.0, 0.0, 10.0, 1.0) AS score FROM bare_fts WHERE bare_fts MATCH %s "
                    "ORDER BY score, rowid LIMIT %s) r CROSS JOIN bare_fts b ON b.rowid = r.id ORDER BY r.score, r.id",
                    [tier, PAGE - len(rows)],
                )
                rows += cur.fetchall()
                if len(rows) >= PAGE:
                    break
        else:
            tsq, title_tsq = tsquery(parsed), tsquery_any(parsed)
            cap = f"LIMIT {CANDIDATE_CAP + 1}"
            rank = "ts_rank('{{0.1, 0.2, 0.4, 1.0}}', {0}.tsv, to_tsquery('german', %s))"
            cur.execute(
                f"WITH c AS MATERIALIZED (SELECT id, tsv FROM bare_pg WHERE tsv @@ to_tsquery('german', %s) {cap}), "
                "t AS MATERIALIZED (SELECT id, tsv FROM bare_pg WHERE to_tsvector('german', search_fold(title)) "
                f"@@ to_tsquery('german', %s) AND tsv @@ to_tsquery('german', %s) {cap}), "
                f"r1 AS (SELECT t.id, 1 AS tier, {rank.format('t')} AS score FROM t ORDER BY score DESC, t.id LIMIT %s), "
                f"r2 AS (SELECT c.id, 0 AS tier, {rank.format('c')} AS score FROM c "
                "WHERE (SELECT COUNT(*) FROM t) < %s AND c.id NOT IN (SELECT id FROM t) "
                "ORDER BY score DESC, c.id LIMIT %s), "
                "r AS (SELECT * FROM r1 UNION ALL SELECT * FROM r2 ORDER BY tier DESC, score DESC, id LIMIT %s) "
                "SELECT r.id, r.score, b.title, b.body, b.url FROM r JOIN bare_pg b ON b.id = r.id "
                "ORDER BY r.tier DESC, r.score DESC, r.id",
                [tsq, title_tsq, tsq, tsq, PAGE, tsq, PAGE, PAGE, PAGE],
            )
            rows = cur.fetchall()
    return [
        (pk, title, url, snippet(body, parsed) or snippet(title, parsed)) for pk, _s, title, body, url in rows
    ]


def ours(q):
    return search(user, q, models=["documents.document"], with_facets=False, limit=PAGE).hits


def ours_facets(q):
    return search(user, q, models=["documents.document"], limit=PAGE).hits


SIDES = {"bare": bare, "ours_hits": ours, "ours_hits_and_facets": ours_facets}


def summary(times):
    times = sorted(times)
    return {
        "median_ms": round(statistics.median(times), 3),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 3),
        "max_ms": round(times[-1], 3),
    }


def query_run(run):
    """Every side on every query, query by query, the side order rotating with the query and
    the run, so load from other processes on the machine hits all of them alike. Also the CPU
    time of this thread: on SQLite all the work runs here."""
    wall = {name: [] for name in SIDES}
    cpu = {name: [] for name in SIDES}
    names = list(SIDES)
    for i, q in enumerate(queries):
        k = (i + run) % len(names)
        for name in names[k:] + names[:k]:
            t, c = time.perf_counter(), time.thread_time()
            SIDES[name](q)
            cpu[name].append((time.thread_time() - c) * 1000)
            wall[name].append((time.perf_counter() - t) * 1000)
    out = {"wall": {n: summary(v) for n, v in wall.items()}, "cpu": {n: summary(v) for n, v in cpu.items()}}
    for kind in ("wall", "cpu"):
        for stat in ("p95_ms", "median_ms"):
            for side in ("ours_hits", "ours_hits_and_facets"):
                out.setdefault("ratios", {})[f"{kind}_{stat[:-3]}_{side}_vs_bare"] = round(
                    out[kind][side][stat] / out[kind]["bare"][stat], 2
                )
    return out


PAGE = 20
user = User.objects.get(pk=user.pk)
for q in queries[:20]:  # warm caches
    bare(q)
    ours_facets(q)
# both sides find the same documents in the same order (our user sees a part of them: compare
# our hits with the bare hits among the documents the user may see)
visible_ids = set(Document.objects.visible_to(user).values_list("pk", flat=True))
same = same_set = 0
for q in queries[:50]:
    mine = [h.entry.object_id for h in ours(q)]
    theirs = [r[0] for r in bare(q) if r[0] in visible_ids]
    same += mine[: len(theirs)] == theirs
    same_set += set(mine[: len(theirs)]) == set(theirs)
print(
    f"  same hits for {same_set} of 50 queries, in the same order for {same} (bare hits filtered afterwards)"
)
runs = []
for run in range(args.runs):
    load = os.getloadavg()[0]
    runs.append({"load_1m_before": round(load, 2), **query_run(run)})
    print(f"  query run {run + 1}: {runs[-1]['ratios']} load {load:.2f}", flush=True)
result = {
    "engine": ENGINE,
    "documents": args.docs,
    "visible_share": round(len(visible_ids) / args.docs, 3),
    "queries": len(queries),
    "runs": args.runs,
    "debug": False,
    "same_hits_of_50_queries": same_set,
    "same_order_of_50_queries": same,
    "same_order_note": "FTS5 bm25 takes the document length over all columns: ours counts the permission "
    "and title-key tokens too, so near-equal scores can swap",
    "index_build": build,
    "search": {name: spread([r["ratios"][name] for r in runs]) for name in runs[0]["ratios"]},
    "search_runs": runs,
    "load_average_at_start": load_at_start,
    "load_average_at_end": os.getloadavg(),
}
print(json.dumps({k: v for k, v in result.items() if k != "search_runs"}, indent=2))
out = Path(args.out) if args.out else Path(__file__).parent / "results" / f"documents_search_{ENGINE}.json"
out.write_text(json.dumps(result, indent=2) + "\n")
if args.pg and not args.keep:
    connection.close()
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE IF EXISTS {db_name}"])
