"""Alone vs together: splitting the cost of a joint solution fairly (cooperative game theory).

The cost game: ``v(S)`` is the optimal cost of coalition S handling its own green waste. The
joint cost ``v(N)`` is split

* proportional to tonnage or inhabitants (simple keys councils know), and
* by the Shapley value ``φ_i = Σ_{S ⊆ N∖{i}} |S|!(n−|S|−1)!/n! · (v(S ∪ {i}) − v(S))`` — exact
  over all 2ⁿ coalitions up to ``EXACT_LIMIT`` players, else estimated from random orders
  (Castro, Gómez & Tejada 2009).

A split is in the *core* when no coalition pays more than it would alone: ``Σ_{i∈S} x_i ≤ v(S)``.
The core can be empty. The *least core* is the smallest ε for which ``Σ_{i∈S} x_i ≤ v(S) + ε`` can
hold for every coalition (ε ≤ 0: the core is not empty). The *nucleolus* (Schmeidler 1969) makes the
largest excess ``e(S, x) = x(S) − v(S)`` as small as possible, then the second largest, and so on; it is
unique, lies in the core whenever the core is not empty, and is taken over the imputations (nobody
pays more than alone, ``x_i ≤ v({i})``). Computed by the sequential LP method (Maschler, Peleg & Shapley
1979; fixing the coalitions with a positive dual value at each stage) with HiGHS through
``scipy.optimize.linprog``, the solver the allocation uses.
"""

import math
import random
from itertools import combinations

import numpy as np
from scipy.optimize import linprog

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


def _incidence(n):
    """0/1 matrix of all proper non-empty coalitions (rows, by bitmask 1 … 2ⁿ−2) × players."""
    masks = np.arange(1, (1 << n) - 1)
    return masks, ((masks[:, None] >> np.arange(n)[None, :]) & 1).astype(float)


def core_violations_exact(n, allocation, values, tol=1e-6, limit=5):
    """Coalitions paying more under ``allocation`` than alone, from the coalition values by bitmask.

    Returns (number of violating coalitions, the ``limit`` largest violations)."""
    masks, inc = _incidence(n)
    pays = inc @ np.asarray(allocation, dtype=float)
    alone = values[masks]
    excess = pays - alone
    bad = np.flatnonzero(excess > tol * np.maximum(1.0, np.abs(alone)))
    worst = bad[np.argsort(-excess[bad])][:limit]
    rows = [
        {
            "members": [i for i in range(n) if masks[k] >> i & 1],
            "pays": float(pays[k]),
            "alone": float(alone[k]),
            "excess": float(excess[k]),
        }
        for k in worst
    ]
    return len(bad), rows


class NoImputation(ValueError):
    """Cooperation costs more than going alone: no split lets everybody pay at most their own cost."""


def nucleolus(n, values, tol=1e-7):
    """(nucleolus, least-core ε) of a cost game given by its values array (bitmask-indexed).

    Stage k: minimise t subject to x(S) − t ≤ v(S) for the free coalitions, x(S) = v(S) + t_j for the
    coalitions fixed in earlier stages, Σ x = v(N) and x_i ≤ v({i}). Coalitions with a positive dual
    value are tight in every optimum and become fixed; coalitions whose incidence vector is spanned by
    the fixed ones are dropped. Ends when the fixed vectors span ℝⁿ (x is then unique): at most n stages.
    """
    grand = values[(1 << n) - 1]
    singles = np.array([values[1 << i] for i in range(n)])
    if grand > singles.sum() + tol * max(1.0, abs(grand)):
        raise NoImputation()
    masks, inc = _incidence(n)
    free = np.ones(len(masks), dtype=bool)
    fixed_rows = [np.ones(n)]
    fixed_rhs = [grand]
    least_core = None
    x = None
    for _stage in range(n + 1):
        idx = np.flatnonzero(free)
        if idx.size == 0:
            break
        a_ub = np.hstack([inc[idx], -np.ones((idx.size, 1))])
        b_ub = values[masks[idx]]
        a_eq = np.hstack([np.array(fixed_rows), np.zeros((len(fixed_rows), 1))])
        bounds = [(None, float(singles[i])) for i in range(n)] + [(None, None)]
        c = np.zeros(n + 1)
        c[-1] = 1.0
        res = linprog(
            c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=np.array(fixed_rhs), bounds=bounds, method="highs"
        )
        if res.status != 0:
            raise NoImputation()
        t = float(res.x[-1])
        x = res.x[:n]
        if least_core is None:
            least_core = t
        duals = -res.ineqlin.marginals  # ≥ 0 for ≤-constraints of a minimisation
        tight = idx[duals > 1e-9]
        if tight.size == 0:  # degenerate answer of the solver: fix the coalitions at the optimum
            tight = idx[np.abs(a_ub @ res.x - b_ub) <= 1e-7 * max(1.0, abs(t))]
        for k in tight:
            fixed_rows.append(inc[k])
            fixed_rhs.append(float(values[masks[k]] + t))
            free[k] = False
        basis = np.linalg.svd(np.array(fixed_rows), full_matrices=False)
        rank = int((basis[1] > 1e-9 * basis[1][0]).sum())
        if rank >= n:
            break
        rowspace = basis[2][:rank]
        rest = np.flatnonzero(free)
        residual = inc[rest] - (inc[rest] @ rowspace.T) @ rowspace
        free[rest[np.linalg.norm(residual, axis=1) < 1e-9]] = False
    return np.asarray(x, dtype=float), float(least_core)


def analyse(names, value=None, tonnage=(), inhabitants=(), samples=2000, values=None):
    """Stand-alone costs, joint cost, saving and the splits with their core check.

    Splits: tonnage key, inhabitant key, Shapley value and (exact games only) the nucleolus. Give
    either ``value`` (a function of a frozenset of player indices) or ``values`` (array by bitmask).
    Every row says whether the member pays more than alone under each split.
    """
    n = len(names)
    exact = values is not None or n <= EXACT_LIMIT
    if values is None and exact:
        values = coalition_values(n, lambda s: float(value(s)))
    if exact:

        def v(s):
            return float(values[sum(1 << i for i in s)])

    else:
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
    if exact:
        phi = shapley_exact(n, values)
    else:
        phi = shapley_sampled(n, v, samples)
    splits = {
        "tonnage": proportional(joint, tonnage),
        "inhabitants": proportional(joint, inhabitants),
        "shapley": phi,
    }
    least_core = None
    nucleolus_error = None
    if exact:
        try:
            splits["nucleolus"], least_core = nucleolus(n, values)
        except NoImputation:
            nucleolus_error = "no_imputation"
    rows = []
    for i, name in enumerate(names):
        row = {"name": name, "alone": float(alone[i])}
        for key, split in splits.items():
            row[key] = float(split[i])
            row[f"saving_{key}"] = float(alone[i] - split[i])
            row[f"over_{key}"] = bool(split[i] > alone[i] + 1e-6 * max(1.0, abs(alone[i])))
        rows.append(row)
    core = {}
    for key, split in splits.items():
        if exact:
            count, violations = core_violations_exact(n, split, values)
        else:
            violations = core_violations(n, split, v, max_coalitions=5)
            count = len(violations)
        for viol in violations:
            viol["names"] = [names[i] for i in viol["members"]]
        core[key] = {
            "in_core": not count,
            "violations": violations,
            "count": count,
            "over_alone": [names[i] for i in range(n) if rows[i][f"over_{key}"]],
        }
    return {
        "rows": rows,
        "alone_total": float(alone.sum()),
        "joint": joint,
        "saving": float(alone.sum() - joint),
        "shapley_exact": exact,
        "least_core_eps": least_core,
        "core_empty": (
            True
            if nucleolus_error
            else None
            if least_core is None
            else bool(least_core > 1e-6 * max(1.0, abs(joint)))
        ),
        "nucleolus_error": nucleolus_error,
        "splits": list(splits),
        "core": core,
    }
