"""Benchmark: scoring 10,000 assessments of a 120-measure catalogue.

Baseline: the plain per-assessment function ``scoring.score`` (pure Python) in a loop.
Bulk: ``CompiledCatalogue.score_matrix`` (numpy), both aggregation methods. Goal: bulk < 1 s.
Run: PYTHONPATH=src .venv/bin/python bench/assessment_scoring.py
"""

import json
import random
import time
from pathlib import Path

import numpy as np

from ikonnekt.assessment.scoring import MEAN, POOLED, CompiledCatalogue, Node, RatingInput, score

N_ASSESSMENTS = 10_000
N_MEASURES = 120


def catalogue(rng):
    """3 categories × 4 subcategories × 10 measures = 120 measures."""
    nodes, next_id = [], 1
    for _c in range(3):
        cat = next_id
        nodes.append(Node(cat, None, False))
        next_id += 1
        for _s in range(4):
            sub = next_id
            nodes.append(Node(sub, cat, False))
            next_id += 1
            for _m in range(10):
                nodes.append(
                    Node(
                        next_id, sub, True, weight=rng.choice([1.0, 1.0, 2.0]), is_minimum=rng.random() < 0.05
                    )
                )
                next_id += 1
    return nodes


def main():
    rng = random.Random(42)
    nodes = catalogue(rng)
    measures = [n.id for n in nodes if n.is_measure]
    assert len(measures) == N_MEASURES
    ratings = []
    for _ in range(N_ASSESSMENTS):
        ratings.append(
            {
                m: RatingInput(None, True) if rng.random() < 0.05 else RatingInput(rng.randint(0, 3))
                for m in measures
            }
        )
    result = {"assessments": N_ASSESSMENTS, "measures": N_MEASURES}

    t0 = time.perf_counter()
    baseline = [score(nodes, r).total.percent for r in ratings]
    result["baseline_loop_s"] = time.perf_counter() - t0

    compiled = CompiledCatalogue(nodes)
    t0 = time.perf_counter()
    matrix = np.array([compiled.level_row(r) for r in ratings])
    result["build_matrix_s"] = time.perf_counter() - t0
    for method in (POOLED, MEAN):
        t0 = time.perf_counter()
        scores = compiled.score_matrix(matrix, method)
        result[f"bulk_{method}_s"] = time.perf_counter() - t0
        if method == POOLED:
            root = compiled.groups.index(None)
            assert np.allclose(scores[:, root], baseline)
    result["speedup_pooled_vs_baseline"] = result["baseline_loop_s"] / result["bulk_pooled_s"]
    result["goal_bulk_under_1s"] = result["bulk_pooled_s"] < 1.0 and result["bulk_mean_s"] < 1.0
    for key, value in result.items():
        print(f"{key:32s} {value:.4f}" if isinstance(value, float) else f"{key:32s} {value}")
    out = Path(__file__).parent / "results" / "assessment_scoring.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
