"""Benchmark: exact Shapley value for 13 municipalities (2¹³ − 1 = 8,191 coalitions).

The cost game is the real one: every coalition value is a green-waste allocation MILP (13
municipalities × 2 collection points, 3 existing plants and 2 candidate sites with fixed costs).
Baseline in the same run: one joint optimisation (the grand coalition). Also timed: the Shapley
combinatorics alone on precomputed values, and Monte-Carlo sampling (2,000 orders) vs exact.

Run: PYTHONPATH=src .venv/bin/python bench/materials_shapley.py
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

from ikonnekt.materials import allocation, cost_sharing  # noqa: E402

N = 13


def game():
    rng = np.random.default_rng(13)
    names = [f"Gemeinde {i + 1}" for i in range(N)]
    points = [
        allocation.Point(f"p{i}-{k}", f"Platz {i}-{k}", names[i], float(rng.uniform(200, 900)),
                         float(rng.uniform(49.2, 49.5)), float(rng.uniform(6.5, 7.0)))
        for i in range(N) for k in range(2)
    ]  # fmt: skip
    plants = [
        allocation.Plant(f"f{j}", f"Anlage {j}", 20000, gate_fee=float(rng.uniform(30, 50)),
                         lat=float(rng.uniform(49.2, 49.5)), lon=float(rng.uniform(6.5, 7.0)))
        for j in range(3)
    ] + [
        allocation.Plant(f"c{j}", f"Kandidat {j}", 8000, gate_fee=12, fixed_cost=60000, candidate=True,
                         lat=float(rng.uniform(49.25, 49.45)), lon=float(rng.uniform(6.6, 6.9)))
        for j in range(2)
    ]  # fmt: skip
    options = allocation.Options()
    km = allocation.build(points, plants, options).km

    def value(coalition):
        rows = [i for i, p in enumerate(points) if names.index(p.municipality) in coalition]
        sub = [points[i] for i in rows]
        return allocation.solve(allocation.build(sub, plants, options, km[rows]), options)["total_cost"]

    return names, value


def main():
    names, value = game()
    t0 = time.perf_counter()
    joint = value(frozenset(range(N)))
    t_joint = time.perf_counter() - t0
    t0 = time.perf_counter()
    values = cost_sharing.coalition_values(N, value)
    t_values = time.perf_counter() - t0
    t0 = time.perf_counter()
    phi = cost_sharing.shapley_exact(N, values)
    t_comb = time.perf_counter() - t0
    assert abs(phi.sum() - joint) < 1e-6 * joint
    t0 = time.perf_counter()
    violations = cost_sharing.core_violations(N, phi, lambda s: values[sum(1 << i for i in s)])
    t_core = time.perf_counter() - t0
    t0 = time.perf_counter()
    sampled = cost_sharing.shapley_sampled(N, lambda s: values[sum(1 << i for i in s)], samples=2000)
    t_sampled = time.perf_counter() - t0
    total = t_values + t_comb
    print(
        f"13 municipalities: {2**N - 1} coalition MILPs in {t_values:.1f} s ({t_values / (2**N - 1) * 1000:.1f} ms each)"
    )
    print(
        f"exact Shapley combinatorics {t_comb * 1000:.1f} ms; core check over all coalitions {t_core * 1000:.1f} ms ({len(violations)} violations)"
    )
    print(
        f"total exact Shapley {total:.1f} s vs one joint optimisation {t_joint * 1000:.1f} ms → ratio {total / t_joint:.0f}×"
    )
    print(
        f"sampling 2,000 orders on cached values: {t_sampled * 1000:.0f} ms, max deviation from exact {np.abs(sampled - phi).max():.0f} € ({np.abs(sampled - phi).max() / joint * 100:.3f} % of joint cost)"
    )
    out = {
        "municipalities": N, "coalitions": 2**N - 1, "coalition_values_s": round(t_values, 2),
        "shapley_combinatorics_ms": round(t_comb * 1000, 2), "core_check_ms": round(t_core * 1000, 2),
        "core_violations": len(violations), "joint_optimisation_ms": round(t_joint * 1000, 2),
        "ratio_exact_shapley_to_one_solve": round(total / t_joint, 1), "sampling_2000_ms": round(t_sampled * 1000, 1),
        "sampling_max_abs_error_eur": round(float(np.abs(sampled - phi).max()), 2),
    }  # fmt: skip
    (Path(__file__).parent / "results" / "materials_shapley.json").write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
