"""Throughput of the dashboard and the cooperation list vs the trivial JSON endpoint /ping.

Starts the production WSGI server (gunicorn) on the demo data in a throw-away database,
signs in as a demo editor and drives the three URLs with wrk (or a Python load generator
when wrk is missing), one after the other in the same run. Reports requests/s, the ratio
to /ping (goal: list page >= 50 %) and p99 latency, once with the per-session page cache on
(as served) and once with it off (every request rendered).

    PYTHONPATH=src .venv/bin/python bench/core_throughput.py [--seconds 10] [--connections 8]
"""

import argparse
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from _setup import RESULTS, ROOT, percentile

PORT = 8765
URLS = {"ping": "/ping", "dashboard": "/", "cooperation_list": "/cooperations/"}


def server_env(tmp):
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "IKONNEKT_DATA_DIR": str(tmp),
        "SQLITE_PATH": str(tmp / "bench.sqlite3"),
        "DEBUG": "0",
        "DEMO_MODE": "1",  # demo data with the development key: allowed only when asked for
        "SECURE_COOKIES": "0",
        "AXES_ENABLED": "0",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DATABASE_URL", None)
    return env


def manage(env, *args):
    subprocess.run(
        [sys.executable, "-m", "django", *args, "--settings=ikonnekt.settings"],
        env=env,
        check=True,
        capture_output=True,
    )


def session_cookie():
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    conn.request("GET", "/accounts/login/")
    response = conn.getresponse()
    body = response.read().decode()
    cookies = {
        c.split("=", 1)[0]: c.split("=", 1)[1].split(";", 1)[0]
        for c in response.headers.get_all("Set-Cookie") or []
    }
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if match is None:
        raise RuntimeError(f"login page answered {response.status}: {body[:300]}")
    token = match.group(1)
    form = urllib.parse.urlencode(
        {"username": "nalbach-editor", "password": "Konnekt-Demo-2026", "csrfmiddlewaretoken": token}
    )
    conn.request(
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken']}",
            "Referer": f"http://127.0.0.1:{PORT}/accounts/login/",
        },
    )
    response = conn.getresponse()
    response.read()
    for c in response.headers.get_all("Set-Cookie") or []:
        name, value = c.split(";", 1)[0].split("=", 1)
        cookies[name] = value
    if "sessionid" not in cookies:
        raise RuntimeError(f"login failed: {response.status}")
    # what a browser sends: the session and the (rotated) CSRF cookie
    return f"sessionid={cookies['sessionid']}; csrftoken={cookies['csrftoken']}"


def page_cache_state(url, cookie):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    conn.request("GET", url, headers={"Cookie": cookie})
    response = conn.getresponse()
    response.read()
    return response.status, response.getheader("X-Page-Cache")


def run_wrk(url, cookie, seconds, connections):
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            f"Cookie: {cookie}",
            f"http://127.0.0.1:{PORT}{url}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def lat(p):
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50_ms": lat(50),
        "p99_ms": lat(99),
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        "tool": "wrk",
    }


def run_python(url, cookie, seconds, connections):
    latencies, errors = [], [0]
    stop = time.perf_counter() + seconds

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        while time.perf_counter() < stop:
            start = time.perf_counter()
            conn.request("GET", url, headers={"Cookie": cookie})
            response = conn.getresponse()
            response.read()
            latencies.append((time.perf_counter() - start) * 1000)
            if response.status != 200:
                errors[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {
        "rps": len(latencies) / seconds,
        "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99),
        "non_2xx": errors[0],
        "tool": "python",
    }


def start_server(env, workers):
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "ikonnekt.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        env=env,
    )
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/healthz")
            break
        except OSError:
            time.sleep(0.1)
    return server


def measure(env, args, label):
    """One pass over the three URLs with a fresh server; ``label`` names the page-cache mode."""
    server = start_server(env, args.workers)
    try:
        cookie = session_cookie()
        runner = run_wrk if shutil.which("wrk") else run_python
        results = {}
        for name, url in URLS.items():
            runner(url, cookie, 2, args.connections)  # warm-up
            status, state = page_cache_state(url, cookie)
            results[name] = runner(url, cookie, args.seconds, args.connections)
            results[name]["page_cache"] = state or "-"
            print(label, name, status, results[name])
        for name in ("dashboard", "cooperation_list"):
            results[f"ratio_{name}_vs_ping"] = round(results[name]["rps"] / results["ping"]["rps"], 3)
        return results
    finally:
        server.terminate()
        server.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ikonnekt-bench-http-"))
    env = server_env(tmp)
    try:
        manage(env, "migrate")
        manage(env, "collectstatic", "--noinput")
        manage(env, "load_demo")
        results = {
            # as served: the per-session page cache on (the default)
            "page_cache_on": measure(env, args, "cache on"),
            # every request rendered: PAGE_CACHE_SECONDS=0
            "page_cache_off": measure({**env, "PAGE_CACHE_SECONDS": "0"}, args, "cache off"),
            "settings": {
                "workers": args.workers,
                "connections": args.connections,
                "seconds": args.seconds,
                "cpus": os.cpu_count(),
                "load_average_after": os.getloadavg(),
            },
        }
        print(
            json.dumps(
                {
                    mode: {k: v for k, v in r.items() if k.startswith("ratio")}
                    for mode, r in results.items()
                    if mode != "settings"
                }
            )
        )
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "core_throughput.json").write_text(json.dumps(results, indent=1))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
