"""Benchmark: exact Shapley value and nucleolus for 13 municipalities (2¹³ − 1 = 8,191 coalitions).

The cost game is the real one (``materials.coalitions``): own plants with fixed costs at their owners,
a third-party plant at its gate fee, two candidate sites; capacities bind for larger coalitions
(``materials.synthetic.game``). Two ways to get every coalition value, interleaved run by run:

* fast: ``Game.values`` on all 8,191 coalitions (a vectorised screen for the coalitions whose cheapest
  assignment fits; per coalition the cheapest-plant assignment per opening decision, one overloaded plant
  in closed form, a warm-started transportation LP only where several capacities bind), then Shapley
  and nucleolus;
* plain: one MILP per coalition (``Game.value_milp``), timed on a fixed random sample of coalitions
  and extrapolated to 8,191 (the full run takes about 20 minutes, see the previous result file).

Every run checks that fast and plain agree on the sample. Results: median and spread (min–max) of the
runs, the load average before and after, raw figures per run in bench/results/materials_shapley.json.

Run: PYTHONPATH=src .venv/bin/python bench/materials_shapley.py [runs] [sample]
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikonnekt.settings")
os.environ.setdefault("OMP_NUM_THREADS", "1")  # the 2-core machine is shared; threads only add contention
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402

from ikonnekt.materials import cost_sharing, synthetic  # noqa: E402

N = 13


def run_fast():
    game = synthetic.game(N)
    c0 = time.process_time()
    t0 = time.perf_counter()
    values = game.values("fast")
    t_values = time.perf_counter() - t0
    t1 = time.perf_counter()
    phi = cost_sharing.shapley_exact(N, values)
    nucleolus, eps = cost_sharing.nucleolus(N, values)
    t_splits = time.perf_counter() - t1
    cpu = time.process_time() - c0
    assert abs(phi.sum() - values[-1]) < 1e-6 * values[-1]
    assert abs(nucleolus.sum() - values[-1]) < 1e-6 * values[-1]
    return {
        "values_s": t_values,
        "shapley_and_nucleolus_s": t_splits,
        "total_s": t_values + t_splits,
        "cpu_s": cpu,
        "lp_solves": game.lp_solves,
        "screened": game.screened,
        "closed_form_options": game.closed_form,
        "least_core_eps": eps,
        "values": values,
    }


def run_plain(sample, fast_values):
    game = synthetic.game(N)
    c0 = time.process_time()
    t0 = time.perf_counter()
    plain = [game.value_milp(int(mask)) for mask in sample]
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - c0
    worst = max(abs(p - fast_values[m]) / max(1.0, abs(p)) for p, m in zip(plain, sample, strict=True))
    assert worst < 1e-7, worst
    per = elapsed / len(sample)
    return {"sample": len(sample), "sample_s": elapsed, "per_coalition_ms": per * 1000, "extrapolated_s": per * (2**N - 1), "extrapolated_cpu_s": cpu / len(sample) * (2**N - 1), "max_rel_diff": worst}  # fmt: skip


def spread(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    sample_size = int(sys.argv[2]) if len(sys.argv) > 2 else 150
    sample = np.random.default_rng(2100).choice(np.arange(1, 2**N), size=sample_size, replace=False)
    load_before = os.getloadavg()
    fast_runs, plain_runs = [], []
    for r in range(runs):  # interleaved: fast, plain, fast, plain, …
        fast = run_fast()
        plain = run_plain(sample, fast.pop("values"))
        fast_runs.append(fast)
        plain_runs.append(plain)
        print(
            f"run {r + 1}: fast {fast['total_s']:.2f} s (CPU {fast['cpu_s']:.2f} s, {fast['lp_solves']} LPs) · plain MILP "
            f"{plain['per_coalition_ms']:.1f} ms/coalition → {plain['extrapolated_s']:.0f} s for 8,191",
            flush=True,
        )
    load_after = os.getloadavg()
    fast_total = spread([f["total_s"] for f in fast_runs])
    plain_total = spread([p["extrapolated_s"] for p in plain_runs])
    fast_cpu = spread([f["cpu_s"] for f in fast_runs])
    plain_cpu = spread([p["extrapolated_cpu_s"] for p in plain_runs])
    print(
        f"fast exact Shapley + nucleolus, 13 players: median {fast_total['median']:.2f} s "
        f"(min {fast_total['min']:.2f}, max {fast_total['max']:.2f}, {runs} runs)"
    )
    print(
        f"plain MILP per coalition (extrapolated from {sample_size}): median {plain_total['median']:.0f} s "
        f"(min {plain_total['min']:.0f}, max {plain_total['max']:.0f}) → speed-up "
        f"{plain_total['median'] / fast_total['median']:.0f}×"
    )
    print(
        f"CPU time (less sensitive to other load): fast median {fast_cpu['median']:.2f} s, plain MILP "
        f"median {plain_cpu['median']:.0f} s"
    )
    print(f"load average before {load_before}, after {load_after}")
    out = {
        "municipalities": N,
        "coalitions": 2**N - 1,
        "runs": runs,
        "fast_total_s": fast_total,
        "plain_extrapolated_s": plain_total,
        "fast_cpu_s": fast_cpu,
        "plain_extrapolated_cpu_s": plain_cpu,
        "speedup_median": plain_total["median"] / fast_total["median"],
        "load_average_before": load_before,
        "load_average_after": load_after,
        "cpu_count": os.cpu_count(),
        "fast_runs": fast_runs,
        "plain_runs": plain_runs,
    }
    path = Path(__file__).parent / "results" / "materials_shapley.json"
    path.write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
