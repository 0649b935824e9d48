"""Benchmark: import of interval readings and the monthly report over them.

Runs itself once per database backend in a subprocess (SQLite always; PostgreSQL on the
machine's server at 127.0.0.1:5432 in a database of its own, ``bench_energy_import``, dropped
afterwards, or, when no server answers and the ``initdb``/``pg_ctl`` binaries are installed, a
throw-away cluster under /tmp; the JSON names which):

1. import: our path (CSV parsing, DST handling, duplicate checks, the check against stored
   rows, ``core.bulk.bulk_insert`` in batches of ≥ 5000 rows (one ``COPY`` per file), in one
   transaction, i.e. ``importing.run`` per meter file) and, for the record, our parse stage
   alone and our write stage alone (``bulk_insert`` of the parsed rows), against the baseline
   of plain ``executemany`` (SQLite) / ``COPY`` (PostgreSQL) of the same, already parsed rows
   (``ratio_full`` = full import / baseline);
2. report: the monthly aggregation per meter and local month as the pages compute it
   (``services._interval_monthly``: ORM, ``TruncMonth`` in Europe/Berlin) against one raw SQL
   ``GROUP BY`` of the same rows.

The import stages run in turns (full, parse, write, baseline), ``BENCH_REPEAT`` times (default
and minimum 3), each on an empty table; the figures are the medians, the ratio per run, its
spread (min–max), every stage's time per run and the load average after every run are kept.

The baseline's rows are prepared (timestamps formatted) before its clock starts; it is the
driver's own ``executemany`` (sqlite3) or ``COPY`` (psycopg) in one transaction. DEBUG is off.
The order of the stages is reversed in every other run.

Usage:  PYTHONPATH=src .venv/bin/python bench/energy_import.py [rows]   (default 200,000)
Always SQLite and then PostgreSQL (see above); ``BENCH_REPEAT=5`` for more runs per stage.
Writes bench/results/energy_import.json and bench/results/energy_report.json.
"""

import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
METERS = 10
REPEAT = max(3, int(os.environ.get("BENCH_REPEAT", "3")))  # at least three runs per stage


def child(rows: int, backend: str) -> dict:
    import django

    django.setup()
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from ikonnekt.core.bulk import bulk_insert
    from ikonnekt.energy import importing, services
    from ikonnekt.energy.domain import importers
    from ikonnekt.energy.models import Building, IntervalReading, Meter, ReadingImport
    from ikonnekt.organizations.models import Organisation

    org, _ = Organisation.objects.get_or_create(
        slug="bench", defaults={"name": "Bench", "code": "BE", "kind": "municipality"}
    )
    building, _ = Building.objects.get_or_create(name="Bench", owner=org)
    meters = [
        Meter.objects.get_or_create(
            building=building,
            number=f"L{i}",
            defaults={"name": "Lastgang", "carrier": "electricity", "kind": "interval"},
        )[0]
        for i in range(METERS)
    ]
    per_meter = rows // METERS
    start = dt.datetime(2023, 1, 1)
    lines = ["Zeitstempel;kWh"]
    t = start
    for i in range(per_meter):
        lines.append(f"{t:%d.%m.%Y %H:%M};{i % 97},{i % 10}")  # decimal comma
        t += dt.timedelta(minutes=15)
    # the local file has the doubled autumn hour (sorted by local time) and misses the spring hour
    local_lines = []
    conv = importers.LocalTimeConverter()
    seen = set()
    for line in lines[1:]:
        naive = dt.datetime.strptime(line.split(";")[0], "%d.%m.%Y %H:%M")
        kind, _a, _b = conv.classify(naive)
        if kind == "missing":
            continue
        local_lines.append(line)
        if kind == "ambiguous" and naive not in seen:
            seen.add(naive)
    data = ("\n".join([lines[0]] + local_lines) + "\n").encode()
    n_rows = len(local_lines) * METERS

    def clear():
        # every measured stage starts on an empty table: on PostgreSQL TRUNCATE, since after a
        # DELETE the unique index still holds the dead rows' keys, which slows the next insert
        # of the same keys (the stage measured later, i.e. the baseline, would pay for it)
        if backend == "postgresql":
            with connection.cursor() as cur:
                cur.execute(f"TRUNCATE {IntervalReading._meta.db_table}")
        else:
            IntervalReading.objects.all().delete()
        ReadingImport.objects.all().delete()

    table = IntervalReading._meta.db_table
    parsed = importers.parse("lastgang.csv", data, interval=True, meter_unit="kWh")

    def full_import():
        """Ours: parse + checks + bulk_insert per meter file (importing.run)."""
        for meter in meters:
            item = ReadingImport(
                meter=meter, original_name="lastgang.csv", kind="interval", errors=[{"mode": "kwh"}]
            )
            item.file.save(f"bench-{meter.pk}.csv", ContentFile(data), save=False)
            item.save()
            importing.run(item)

    def parse_only():
        """Ours, parse stage alone: the same file per meter, as in the full import."""
        for _meter in meters:
            importers.parse("lastgang.csv", data, interval=True, meter_unit="kWh")

    def write_only():
        """Ours, write stage alone: bulk_insert of the parsed rows, batches as importing.run."""
        with transaction.atomic():
            for meter in meters:
                bulk_insert(
                    IntervalReading,
                    ("meter_id", "start", "minutes", "value"),
                    ((meter.pk, ts, 15, v) for _n, ts, v in parsed.rows),
                    batch_size=importing.batch_size(len(parsed.rows)),
                )

    # The baseline's rows are prepared before its clock starts (timestamps already formatted
    # as the database stores them): the timed part is the driver's write and nothing else.
    if backend == "postgresql":
        prepared = [(meter.pk, ts, 15, v) for meter in meters for _n, ts, v in parsed.rows]
    else:
        prepared = [
            (meter.pk, ts.strftime("%Y-%m-%d %H:%M:%S"), 15, v)
            for meter in meters
            for _n, ts, v in parsed.rows
        ]

    def baseline():
        """Plain sqlite3 ``executemany`` / psycopg ``COPY`` of the prepared rows, one transaction."""
        connection.ensure_connection()
        if backend == "postgresql":
            with transaction.atomic():
                with connection.cursor() as cur:
                    raw = cur.cursor
                    with raw.copy(f"COPY {table} (meter_id, start, minutes, value) FROM STDIN") as copy:
                        for row in prepared:
                            copy.write_row(row)
        else:
            with transaction.atomic():
                raw = connection.connection.cursor()  # the sqlite3 cursor itself, not Django's wrapper
                raw.executemany(
                    f"INSERT INTO {table} (meter_id, start, minutes, value) VALUES (?, ?, ?, ?)",  # noqa: S608
                    prepared,
                )
                raw.close()

    # The machine is shared and its load changes by the minute: the stages run in turns,
    # REPEAT times, and each figure is the median of its runs.
    stages = {"full": full_import, "parse": parse_only, "write": write_only, "baseline": baseline}
    times = {name: [] for name in stages}
    load = [os.getloadavg()[0]]
    for run in range(REPEAT):
        order = list(stages.items())
        if run % 2:  # the baseline goes first in every other run
            order.reverse()
        for name, stage in order:
            clear()
            t0 = time.perf_counter()
            stage()
            times[name].append(time.perf_counter() - t0)
            if name != "parse":
                stored = IntervalReading.objects.count()
                assert stored == n_rows, (name, stored, n_rows)
        load.append(os.getloadavg()[0])
    full, parse_s, write_s, base_s = (
        statistics.median(times[k]) for k in ("full", "parse", "write", "baseline")
    )

    # --- report: monthly values per meter (ours) vs one raw SQL GROUP BY ------------------
    years = sorted({ts.year for _n, ts, _v in parsed.rows})
    t0 = time.perf_counter()
    ours_total = 0.0
    for meter in meters:
        for year in years:
            ours_total += sum(v for v in services._interval_monthly(meter, year) if v)
    report_ours = time.perf_counter() - t0
    month = (
        "date_trunc('month', start AT TIME ZONE 'Europe/Berlin')"
        if backend == "postgresql"
        else "strftime('%%Y-%%m', start)"
    )
    sql = "SELECT meter_id, " + month + " AS m, SUM(value) FROM " + table + " GROUP BY meter_id, m"  # noqa: S608
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(sql)
        raw_total = sum(r[2] for r in cur.fetchall())
    report_raw = time.perf_counter() - t0
    assert abs(ours_total - raw_total) < 1e-6 * max(1.0, raw_total), (ours_total, raw_total)
    return {
        "backend": backend,
        "rows": n_rows,
        "repeat": REPEAT,
        "import_full_s": round(full, 2),
        "import_parse_only_s": round(parse_s, 2),
        "import_write_only_s": round(write_s, 2),
        "baseline_s": round(base_s, 2),
        "baseline": "COPY" if backend == "postgresql" else "executemany",
        "ratio_full": round(full / base_s, 2),
        "ratio_write_only": round(write_s / base_s, 2),
        "ratio_full_per_run": [
            round(f / b, 2) for f, b in zip(times["full"], times["baseline"], strict=True)
        ],
        "ratio_full_spread": {
            "median": round(
                statistics.median(f / b for f, b in zip(times["full"], times["baseline"], strict=True)), 2
            ),
            "min": round(min(f / b for f, b in zip(times["full"], times["baseline"], strict=True)), 2),
            "max": round(max(f / b for f, b in zip(times["full"], times["baseline"], strict=True)), 2),
        },
        "server": os.environ.get("BENCH_SERVER", ""),
        "runs_s": {name: [round(t, 2) for t in runs] for name, runs in times.items()},
        "load_average_1m": [round(x, 2) for x in load],
        "report_ours_s": round(report_ours, 3),
        "report_raw_sql_s": round(report_raw, 3),
        "report_ratio": round(report_ours / report_raw, 2),
        "report_note": "SQLite raw SQL groups by UTC month (no time-zone support in SQLite); ours by local month"
        if backend == "sqlite"
        else "both group by local (Europe/Berlin) month",
    }


def run_child(rows, env):
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(rows), env.get("BENCH_BACKEND", "sqlite")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        print(out.stdout[-2000:], out.stderr[-4000:])
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


SHARED_DB = "bench_energy_import"


def shared_postgres():
    """The machine's PostgreSQL server (127.0.0.1:5432, user postgres, trust), with a database
    of this benchmark's own; None when no server answers (then a throw-away cluster is started)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from _setup import postgres_url

    return postgres_url(SHARED_DB)


def drop_shared_postgres():
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{SHARED_DB}"')


def start_postgres():
    initdb = shutil.which("initdb") or next(iter(Path("/usr/lib/postgresql").glob("*/bin/initdb")), None)
    pg_ctl = shutil.which("pg_ctl")
    if not initdb or not pg_ctl:
        return None, None, []
    base = Path(tempfile.mkdtemp(prefix="energy-pg-"))
    as_pg = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(base, "postgres", "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        as_pg + [str(initdb), "-D", str(base / "data"), "-A", "trust", "-U", "bench"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        as_pg
        + [
            pg_ctl,
            "-D",
            str(base / "data"),
            "-o",
            f"-k {base} -p 55433 -c listen_addresses='' -c fsync=off",
            "-l",
            str(base / "log"),
            "-w",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        ["createdb", "-h", str(base), "-p", "55433", "-U", "bench", "bench"], check=True, capture_output=True
    )
    return base, f"postgres://bench@/bench?host={base}&port=55433", as_pg


def main():
    if len(sys.argv) > 1 and sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        return
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ikonnekt.settings",
        "PYTHONPATH": str(ROOT / "src"),
        "DEBUG": "0",
        "SECRET_KEY": "bench-import-not-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        "JOBS_EAGER": "1",
    }
    media = tempfile.mkdtemp(prefix="energy-bench-media-")
    env["MEDIA_ROOT"] = media
    results = []
    db = Path(tempfile.mkdtemp(prefix="energy-bench-")) / "bench.sqlite3"
    results.append(run_child(rows, {**env, "SQLITE_PATH": str(db), "BENCH_BACKEND": "sqlite"}))
    shared = shared_postgres()
    if shared:
        try:
            results.append(
                run_child(
                    rows,
                    {
                        **env,
                        "DATABASE_URL": shared,
                        "BENCH_BACKEND": "postgresql",
                        "BENCH_SERVER": "the machine's PostgreSQL server (127.0.0.1:5432)",
                    },
                )
            )
        finally:
            drop_shared_postgres()
    else:
        base, url, as_pg = start_postgres()
        if url:
            try:
                results.append(
                    run_child(
                        rows,
                        {
                            **env,
                            "DATABASE_URL": url,
                            "BENCH_BACKEND": "postgresql",
                            "BENCH_SERVER": "throw-away cluster (fsync off)",
                        },
                    )
                )
            finally:
                subprocess.run(
                    as_pg + ["pg_ctl", "-D", str(base / "data"), "-m", "fast", "stop"], capture_output=True
                )
                shutil.rmtree(base, ignore_errors=True)
    shutil.rmtree(db.parent, ignore_errors=True)
    shutil.rmtree(media, ignore_errors=True)
    results = [r for r in results if r]
    for r in results:
        print(
            f"[{r['backend']}] {r['rows']:,} rows: import {r['import_full_s']} s (parse stage {r['import_parse_only_s']} s, "
            f"write stage {r['import_write_only_s']} s) "
            f"vs {r['baseline']} {r['baseline_s']} s → ratio {r['ratio_full']}× (write stage {r['ratio_write_only']}×); "
            f"monthly report {r['report_ours_s']} s vs raw SQL {r['report_raw_sql_s']} s → {r['report_ratio']}×; "
            f"ratio per run {r['ratio_full_per_run']}; load average (1 min) {r['load_average_1m']}"
        )
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    (out / "energy_import.json").write_text(
        json.dumps(
            {
                "measured_at": stamp,
                "goal": "ratio_full ≤ 1.5 (against plain sqlite3 executemany of prepared rows / PostgreSQL COPY)",
                "debug": False,
                "machine": {
                    "cpus": os.cpu_count(),
                    "note": "shared machine; stages run in turns, figures are medians of the runs",
                },
                "results": [
                    {
                        k: r[k]
                        for k in (
                            "backend",
                            "rows",
                            "import_full_s",
                            "import_parse_only_s",
                            "import_write_only_s",
                            "baseline",
                            "baseline_s",
                            "ratio_full",
                            "ratio_write_only",
                            "repeat",
                            "ratio_full_per_run",
                            "ratio_full_spread",
                            "server",
                            "runs_s",
                            "load_average_1m",
                        )
                    }
                    for r in results
                ],
            },
            indent=2,
        )
    )
    (out / "energy_report.json").write_text(
        json.dumps(
            {
                "measured_at": stamp,
                "goal": "ratio ≤ 2",
                "results": [
                    {
                        k: r[k]
                        for k in (
                            "backend",
                            "rows",
                            "report_ours_s",
                            "report_raw_sql_s",
                            "report_ratio",
                            "report_note",
                        )
                    }
                    for r in results
                ],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child(int(sys.argv[2]), sys.argv[3])))
    else:
        main()
