"""Mixed load over HTTP: many signed-in users of different organisations browse the main pages
while documents are saved every few seconds; p50/p95 latency of every main page next to the
minimal view (bench/_minimal.py) in the same run, once without and once with the writers.

Starts the production WSGI server (gunicorn, DEBUG off, loopback only) on the demo data in a
throw-away SQLite database. Every reader is a session of its own (editors and viewers of the
demo organisations, one organisation after the other), requests its pages in a shuffled
round (the minimal view is one of them) with a random think time, and records each latency.
The writer phase adds one session per writer that opens a document's edit form and saves it
(changed description) every ``--write-every`` seconds each, as a clerk would. Nothing is cached
between requests (the platform keeps no page cache). Phases alternate ``--rounds`` times
(readers only, then with writers); the figures are pooled per phase, the per-round p95 kept.

    PYTHONPATH=src .venv/bin/python bench/core_throughput.py [--seconds 20] [--sessions 20]
        [--writers 1] [--write-every 2] [--workers 2] [--rounds 2]

Writes bench/results/core_throughput.json.
"""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import _minimal
from _setup import RESULTS, ROOT, percentile


def _free_port() -> int:
    """A free loopback port (other benchmarks and servers run on this machine too)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = _free_port()
PAGES = [
    ("dashboard", "core:dashboard", None),
    ("cooperation_list", "cooperations:list", None),
    ("cooperation_detail", "cooperations:detail", "ikonnekt.cooperations.models.Cooperation"),
    ("document_list", "documents:list", None),
    ("document_detail", "documents:detail", "ikonnekt.documents.models.Document"),
    ("knowledge_list", "knowledge:list", None),
    ("energy_list", "energy:list", None),
    ("energy_report", "energy:report_detail", "ikonnekt.energy.models.EnergyReport"),
    ("assessment_areas", "assessment:area_list", None),
    ("assessment_detail", "assessment:assessment_detail", "ikonnekt.assessment.models.Assessment"),
    ("market_home", "market:home", None),
    ("search", "search:results", None),
]


def server_env(tmp):
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT / 'bench'}",
        "IKONNEKT_DATA_DIR": str(tmp),
        "SQLITE_PATH": str(tmp / "bench.sqlite3"),
        "DEBUG": "0",
        "SECRET_KEY": "bench-throughput-not-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        "DEMO_MODE": "1",  # demo data with the development key: allowed only when asked for
        "SECURE_COOKIES": "0",
        "AXES_ENABLED": "0",
        "LOG_LEVEL": "WARNING",
        "JOBS_DAILY": "0",
    }
    env.pop("DATABASE_URL", None)
    return env


def manage(env, *args):
    done = subprocess.run(
        [sys.executable, "-m", "django", *args, "--settings=ikonnekt.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {done.stderr[-3000:]}")


def _get_object(dotted, user):
    module, name = dotted.rsplit(".", 1)
    model = getattr(__import__(module, fromlist=[name]), name)
    return model.objects.visible_to(user).order_by("pk").first()


def prepare_sessions(env, count, writers):
    """Sessions of ``count`` readers and ``writers`` writers of different organisations, made in
    the database the server uses, with each reader's page addresses."""
    os.environ.update({k: v for k, v in env.items() if k not in ("PYTHONPATH",)})
    os.environ["DJANGO_SETTINGS_MODULE"] = "ikonnekt.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.test import Client
    from django.urls import reverse

    from ikonnekt.documents.models import Document
    from ikonnekt.organizations.models import Membership

    members = list(
        Membership.objects.filter(organisation__kind="municipality", user__is_active=True)
        .select_related("user", "organisation")
        .order_by("role", "organisation__name")
    )
    by_org = {}
    for m in members:
        by_org.setdefault(m.organisation_id, []).append(m)
    ordered = []  # one organisation after the other: readers spread over all organisations
    while any(by_org.values()) and len(ordered) < count + writers:
        for org_members in by_org.values():
            if org_members and len(ordered) < count + writers:
                ordered.append(org_members.pop(0))
    with_documents = set(Document.objects.values_list("owner_id", flat=True).distinct())
    readers_taken = {m.pk for m in ordered[:count]}
    editors = [
        m
        for m in Membership.objects.filter(
            role__in=("admin", "editor"), organisation_id__in=with_documents, user__is_active=True
        )
        .select_related("user", "organisation")
        .order_by("organisation__name", "pk")
        if m.pk not in readers_taken
    ]
    writer_members = editors[:writers]
    reader_members = ordered[:count]

    def session(user):
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value

    readers = []
    for m in reader_members:
        urls = {"minimal": _minimal.PATH}
        for label, name, model in PAGES:
            if model is None:
                urls[label] = reverse(name) + ("?q=Gr%C3%BCngut" if label == "search" else "")
            else:
                obj = _get_object(model, m.user)
                if obj is not None:
                    urls[label] = reverse(name, args=[obj.pk])
        readers.append(
            {"user": m.user.username, "org": m.organisation.name, "sid": session(m.user), "urls": urls}
        )
    writer_sessions = []
    for m in writer_members:
        doc = Document.objects.filter(owner=m.organisation).order_by("pk").first()
        if doc is None:
            continue
        writer_sessions.append(
            {"user": m.user.username, "sid": session(m.user), "url": reverse("documents:edit", args=[doc.pk])}
        )
    return readers, writer_sessions


class FormFields(HTMLParser):
    """The fields of the page's main form (the POST form with the most fields: not the
    organisation switcher in the header), as a browser would send them."""

    def __init__(self):
        super().__init__()
        self.forms, self.current = [], []
        self.fields, self.in_form, self.done, self.select, self.textarea = [], False, False, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.in_form, self.fields = True, []
        elif not self.in_form:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((a["name"], a.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
        elif tag == "option" and self.select and "selected" in a:
            self.fields.append((self.select, a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "form" and self.in_form:
            self.in_form = False
            self.forms.append(self.fields)

    def close(self):
        super().close()
        self.fields = max(self.forms, key=len, default=[])


def request(conn, method, url, cookie, body=None, headers=None):
    head = {"Cookie": cookie, **(headers or {})}
    start = time.perf_counter()
    conn.request(method, url, body=body, headers=head)
    response = conn.getresponse()
    content = response.read()
    return (time.perf_counter() - start) * 1000, response, content


def reader(session, stop, think, record, rng):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    cookie = f"sessionid={session['sid']}"
    while time.perf_counter() < stop:
        pages = list(session["urls"].items())
        rng.shuffle(pages)
        for label, url in pages:
            if time.perf_counter() >= stop:
                return
            ms, response, _ = request(conn, "GET", url, cookie)
            record(label, ms, response.status)
            time.sleep(rng.uniform(0, 2 * think))


def writer(session, stop, every, counts):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    cookie = f"sessionid={session['sid']}"
    n = 0
    while time.perf_counter() < stop:
        began = time.perf_counter()
        _ms, response, content = request(conn, "GET", session["url"], cookie)
        csrf = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
        if csrf:
            cookie = f"sessionid={session['sid']}; csrftoken={csrf.group(1)}"
        form = FormFields()
        form.feed(content.decode())
        form.close()
        n += 1
        fields = [(k, v) for k, v in form.fields if k != "description"] + [
            ("description", f"Lastprobe, Speicherung {n}")
        ]
        _ms, response, _ = request(
            conn,
            "POST",
            session["url"],
            cookie,
            body=urllib.parse.urlencode(fields),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{PORT}{session['url']}",
            },
        )
        counts["ok" if response.status in (200, 302) else "failed"] += 1
        counts["redirected"] += response.status == 302  # 302: saved; 200: the form came back
        time.sleep(max(0.0, every - (time.perf_counter() - began)))


def phase(readers, writers, args, with_writers, seed):
    latencies, errors, lock = {}, {}, threading.Lock()

    def record(label, ms, status):
        with lock:
            latencies.setdefault(label, []).append(ms)
            if status != 200:
                errors[label] = errors.get(label, 0) + 1

    counts = {"ok": 0, "failed": 0, "redirected": 0}
    stop = time.perf_counter() + args.seconds
    threads = [
        threading.Thread(target=reader, args=(s, stop, args.think, record, random.Random(seed + i)))
        for i, s in enumerate(readers)
    ]
    if with_writers:
        threads += [
            threading.Thread(target=writer, args=(w, stop, args.write_every, counts)) for w in writers
        ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, counts


def start_server(env, workers):
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "_wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        env=env,
    )
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=1)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            break
        except OSError:
            time.sleep(0.1)
    return server


def summarise(pooled):
    out = {}
    for label, values in sorted(pooled.items()):
        out[label] = {
            "n": len(values),
            "p50_ms": round(percentile(values, 50), 1),
            "p95_ms": round(percentile(values, 95), 1),
        }
    minimal = out.get("minimal")
    if minimal:
        for row in out.values():
            row["p95_vs_minimal"] = round(row["p95_ms"] / minimal["p95_ms"], 2)
            row["p50_vs_minimal"] = round(row["p50_ms"] / minimal["p50_ms"], 2)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20, help="per phase and round")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--writers", type=int, default=1)
    parser.add_argument("--write-every", type=float, default=2.0)
    parser.add_argument("--think", type=float, default=2.0, help="mean think time (s) between pages")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--sqlite", default="", help="copy this SQLite file with the demo data instead of loading it"
    )
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ikonnekt-bench-http-"))
    env = server_env(tmp)
    load_before = os.getloadavg()
    try:
        if args.sqlite:
            shutil.copy(args.sqlite, env["SQLITE_PATH"])
        manage(env, "migrate")
        manage(env, "collectstatic", "--noinput")
        if not args.sqlite:
            manage(env, "load_demo")
        readers, writers = prepare_sessions(env, args.sessions, args.writers)
        print(
            f"{len(readers)} readers of {len({r['org'] for r in readers})} organisations, {len(writers)} writers"
        )
        server = start_server(env, args.workers)
        try:
            pooled = {"readers_only": {}, "with_writers": {}}
            per_round, errors, writes = [], {"readers_only": {}, "with_writers": {}}, []
            for round_no in range(args.rounds):
                for mode in ("readers_only", "with_writers"):
                    lat, errs, counts = phase(
                        readers, writers, args, mode == "with_writers", seed=round_no * 100
                    )
                    for label, values in lat.items():
                        pooled[mode].setdefault(label, []).extend(values)
                    for label, n in errs.items():
                        errors[mode][label] = errors[mode].get(label, 0) + n
                    if mode == "with_writers":
                        writes.append(counts)
                    per_round.append(
                        {"round": round_no + 1, "mode": mode, "p95_ms": summarise(lat), "writes": counts}
                    )
                    print(
                        f"round {round_no + 1} {mode}: {sum(len(v) for v in lat.values())} requests, writes {counts}"
                    )
        finally:
            server.terminate()
            server.wait()
        load_after = os.getloadavg()
        results = {
            "what": "p50/p95 latency (ms) of main pages and the minimal one-row view under a mixed load, "
            "gunicorn, DEBUG off, SQLite demo data, no page cache",
            "settings": {
                "sessions": len(readers),
                "organisations": len({r["org"] for r in readers}),
                "writers": len(writers),
                "write_every_s": args.write_every,
                "think_mean_s": args.think,
                "workers": args.workers,
                "seconds_per_phase": args.seconds,
                "rounds": args.rounds,
                "cpus": os.cpu_count(),
                "load_average_before": [round(x, 2) for x in load_before],
                "load_average_after": [round(x, 2) for x in load_after],
            },
            "readers_only": summarise(pooled["readers_only"]),
            "with_writers": summarise(pooled["with_writers"]),
            "errors": errors,
            "writes": writes,
            "per_round": per_round,
        }
        for mode in ("readers_only", "with_writers"):
            print(mode)
            for label, row in results[mode].items():
                print(
                    f"  {label:20} n={row['n']:5} p50 {row['p50_ms']:7.1f} ms  p95 {row['p95_ms']:7.1f} ms"
                    f"  p95 / minimal {row.get('p95_vs_minimal', 0):5.2f}"
                )
        print(f"errors {errors}; load average {load_before} -> {load_after}")
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "core_throughput.json").write_text(
            json.dumps(results, indent=1, ensure_ascii=False) + "\n"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
