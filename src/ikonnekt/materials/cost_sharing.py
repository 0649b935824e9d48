"""Alone vs together: splitting the cost of a joint solution fairly (cooperative game theory).

The cost game: ``v(S)`` is the optimal cost of coalition S handling its own green waste. The
joint cost ``v(N)`` is split

* proportional to tonnage or inhabitants (simple keys councils know), and
* by the Shapley value ``φ_i = Σ_{S ⊆ N∖{i}} |S|!(n−|S|−1)!/n! · (v(S ∪ {i}) − v(S))`` — exact
  over all 2ⁿ coalitions up to ``EXACT_LIMIT`` players, else estimated from random orders
  (Castro, Gómez & Tejada 2009).

A split is in the *core* when no coalition pays more than it would alone: ``Σ_{i∈S} x_i ≤ v(S)``.
"""

import math
import random
from itertools import combinations

import numpy as np

EXACT_LIMIT = 15


def coalition_values(n, value):
    """``v`` for every coalition as an array indexed by bitmask (bit i = player i)."""
    values = np.zeros(1 << n)
    for mask in range(1, 1 << n):
        values[mask] = value(frozenset(i for i in range(n) if mask >> i & 1))
    return values


def shapley_exact(n, values):
    """Shapley value from the 2ⁿ coalition values (array by bitmask)."""
    sizes = np.array([bin(mask).count("1") for mask in range(1 << n)])
    weight = np.array(
        [
            math.factorial(s) * math.factorial(n - s - 1) / math.factorial(n) if s < n else 0.0
            for s in range(n + 1)
        ]
    )
    masks = np.arange(1 << n)
    phi = np.zeros(n)
    for i in range(n):
        without = masks[(masks >> i & 1) == 0]
        phi[i] = float((weight[sizes[without]] * (values[without | (1 << i)] - values[without])).sum())
    return phi


def shapley_sampled(n, value, samples=2000, seed=2100):
    """Monte-Carlo Shapley value over ``samples`` random player orders (cached coalition values)."""
    rng = random.Random(seed)
    cache = {frozenset(): 0.0}

    def v(s):
        if s not in cache:
            cache[s] = value(s)
        return cache[s]

    phi = np.zeros(n)
    order = list(range(n))
    for _ in range(samples):
        rng.shuffle(order)
        members = frozenset()
        before = 0.0
        for i in order:
            members = members | {i}
            after = v(members)
            phi[i] += after - before
            before = after
    return phi / samples


def shapley(n, value, samples=2000):
    """(φ, exact?) for a game of ``n`` players with coalition cost function ``value(frozenset)``."""
    if n <= EXACT_LIMIT:
        return shapley_exact(n, coalition_values(n, value)), True
    return shapley_sampled(n, value, samples), False


def proportional(total, weights):
    weights = np.asarray(weights, dtype=float)
    if weights.sum() <= 0:
        return np.full(len(weights), total / len(weights))
    return total * weights / weights.sum()


def core_violations(n, allocation, value, tol=1e-6, max_coalitions=None):
    """Coalitions that would pay less alone than under ``allocation`` (empty list: in the core).

    Exact up to ``EXACT_LIMIT`` players; beyond, all coalitions of size 1, 2, n−2 and n−1 are checked.
    """
    allocation = np.asarray(allocation, dtype=float)
    if n <= EXACT_LIMIT:
        sizes = range(1, n)
    else:
        sizes = sorted({1, 2, max(1, n - 2), n - 1})
    violations = []
    for size in sizes:
        for combo in combinations(range(n), size):
            alone = value(frozenset(combo))
            share = float(allocation[list(combo)].sum())
            if share > alone + tol * max(1.0, abs(alone)):
                violations.append(
                    {"members": list(combo), "pays": share, "alone": alone, "excess": share - alone}
                )
            if max_coalitions and len(violations) >= max_coalitions:
                return violations
    return violations


def analyse(names, value, tonnage, inhabitants, samples=2000):
    """Stand-alone costs, joint cost, saving and the three splits with their core check."""
    n = len(names)
    cache: dict = {}

    def v(s):
        s = frozenset(s)
        if not s:
            return 0.0
        if s not in cache:
            cache[s] = float(value(s))
        return cache[s]

    alone = np.array([v({i}) for i in range(n)])
    joint = v(range(n))
    phi, exact = shapley(n, v, samples)
    splits = {
        "tonnage": proportional(joint, tonnage),
        "inhabitants": proportional(joint, inhabitants),
        "shapley": phi,
    }
    rows = []
    for i, name in enumerate(names):
        rows.append(
            {
                "name": name,
                "alone": float(alone[i]),
                **{key: float(split[i]) for key, split in splits.items()},
                **{f"saving_{key}": float(alone[i] - split[i]) for key, split in splits.items()},
            }
        )
    core = {key: core_violations(n, split, v, max_coalitions=5) for key, split in splits.items()}
    return {
        "rows": rows,
        "alone_total": float(alone.sum()),
        "joint": joint,
        "saving": float(alone.sum() - joint),
        "shapley_exact": exact,
        "core": {key: {"in_core": not viol, "violations": viol} for key, viol in core.items()},
    }
