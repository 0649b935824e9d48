"""Benchmark: reconciliation of a 200-flow network (goal < 50 ms).

Ours = ``reconciliation.reconcile`` (projection of unknowns, compression, WLS, covariance,
classification, χ² test, flags). Baseline in the same run = a bare dense weighted least-squares
solve of the same balances via the KKT system with ``numpy.linalg.solve`` (all flows measured,
no unknowns, no classification, no uncertainty propagation).

Run: PYTHONPATH=src .venv/bin/python bench/materials_reconcile.py
"""

import json
import os
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

from ikonnekt.materials.reconciliation import Variable, constraint_matrix, reconcile  # noqa: E402

N_FLOWS, N_PROCESSES, REPEAT = 200, 80, 30


def network(seed=7, measured_share=0.75):
    rng = np.random.default_rng(seed)
    procs = [f"P{i}" for i in range(N_PROCESSES)]
    variables = []
    # a chain through all processes so every process has an input and output
    variables.append(Variable("f0", None, procs[0]))
    for i in range(1, N_PROCESSES):
        variables.append(Variable(f"f{i}", procs[i - 1], procs[i]))
    variables.append(Variable(f"f{N_PROCESSES}", procs[-1], None))
    while len(variables) < N_FLOWS:
        a, b = rng.choice(N_PROCESSES + 1, size=2, replace=False)
        src = None if a == N_PROCESSES else procs[a]
        tgt = None if b == N_PROCESSES else procs[b]
        variables.append(Variable(f"f{len(variables)}", src, tgt))
    for v in variables:
        if rng.random() < measured_share:
            v.value = float(rng.uniform(10, 1000))
            v.sigma = 0.05 * v.value
    return variables, procs


def main():
    variables, procs = network()
    all_measured, _ = network(measured_share=1.0)
    times, cpu = [], []
    for _ in range(REPEAT):
        t0, c0 = time.perf_counter(), time.process_time()
        result = reconcile(variables, procs)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    ours = float(np.median(times))
    ours_cpu = float(np.median(cpu))
    # baseline: bare KKT solve (same size, all measured)
    A, _ = constraint_matrix(all_measured, procs)
    y = np.array([v.value for v in all_measured])
    W = np.diag(1 / np.array([v.sigma for v in all_measured]) ** 2)
    base_times = []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        K = np.block([[W, A.T], [A, np.zeros((A.shape[0], A.shape[0]))]])
        rhs = np.concatenate([W @ y, np.zeros(A.shape[0])])
        np.linalg.lstsq(K, rhs, rcond=None)
        base_times.append(time.perf_counter() - t0)
    base = float(np.median(base_times))
    ours_full_times = []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        reconcile(all_measured, procs)
        ours_full_times.append(time.perf_counter() - t0)
    ours_full = float(np.median(ours_full_times))
    statuses = {}
    for r in result.variables:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    print(
        f"200 flows / {N_PROCESSES} processes, 75 % measured: ours {ours * 1000:.1f} ms wall, "
        f"{ours_cpu * 1000:.1f} ms CPU (median of {REPEAT}); goal < 50 ms; load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"all measured: ours {ours_full * 1000:.1f} ms vs bare KKT least squares {base * 1000:.1f} ms → ratio {ours_full / base:.2f}×"
    )
    print(f"χ² = {result.chi2:.2f}, dof = {result.dof}, classification: {statuses}")
    out = {
        "flows": N_FLOWS, "processes": N_PROCESSES, "ours_ms": round(ours * 1000, 2), "ours_cpu_ms": round(ours_cpu * 1000, 2),
        "load_average": round(os.getloadavg()[0], 1),
        "ours_all_measured_ms": round(ours_full * 1000, 2), "bare_kkt_ms": round(base * 1000, 2),
        "ratio_all_measured": round(ours_full / base, 3), "goal_ms": 50, "classification": statuses,
    }  # fmt: skip
    (Path(__file__).parent / "results" / "materials_reconcile.json").write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
