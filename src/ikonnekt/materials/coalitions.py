"""The green-waste cost game: what each group (coalition) of municipalities would pay on its own.

For a coalition S of municipalities (players):

* S handles the green waste its members are responsible for (collection points marked "municipal";
  household green waste is the EVS's, see ``greenwaste.py``);
* S may use the plants its members own or operate, every third-party plant (EVS, private operators:
  owner ``None``) at its gate fee, and candidate sites whose owner is a member or that have no owner;
  a plant owned by a municipality outside S is not available to S;
* the fixed costs of an existing plant belong to its owner whether the plant is used or not, so
  ``v(S)`` contains the fixed costs of every existing plant owned by a member;
* ``v(S) = Σ fixed_existing(S) + min Σ_ij c_ij x_ij + Σ_candidates opened fixed_j`` subject to
  delivery and (remaining) capacity, the same model as :mod:`allocation`.

Two ways to evaluate ``v``:

* :meth:`Game.value_milp`: the plain MILP of :func:`allocation.milp_arrays` per coalition (reference);
* :meth:`Game.value_fast`: exact, using the structure of the model. For every set O of candidate
  sites the coalition may open (2^k sets, k small), each point goes to its cheapest usable plant;
  that cost is a lower bound and exact when no capacity is exceeded (:meth:`Game.screen` does this
  for all coalitions at once). With one overloaded plant the LP with only that capacity is solved in
  closed form (:meth:`Game._move_excess`), exact when the receiving plants keep their capacities.
  Otherwise a small transportation LP is solved (points whose cheapest plant can never bind stay
  there), in increasing order of the lower bounds, stopping as soon as the next bound cannot beat
  the best value found (branch and bound over the opening decisions). The LPs are warm-started: one
  HiGHS model over all points × plants stays loaded, and each coalition only changes the variable and
  row bounds that differ, so the dual simplex restarts from the previous basis (about 0.2 ms instead
  of about 5 ms for a fresh ``linprog``). HiGHS is the solver scipy bundles; its Python binding is
  reached through ``scipy.optimize._highspy``; should a scipy release move it, the transportation
  problems are solved exactly by successive shortest paths (:func:`transport_ssp`), and
  ``scipy.optimize.linprog`` is the last resort. Single-source delivery with a binding capacity
  falls back to the MILP.
"""

from dataclasses import dataclass, replace
from itertools import combinations

import numpy as np
from scipy import sparse
from scipy.optimize import linprog, milp

from ikonnekt.materials import allocation

INFEASIBLE = float("inf")

try:  # the HiGHS binding bundled with scipy (used for warm starts); linprog otherwise
    import scipy.optimize._highspy._core as _highs
except ImportError:  # pragma: no cover - depends on the scipy build
    _highs = None


def transport_ssp(cost, q, capacity, max_steps=500):
    """min Σ c_ij x_ij, Σ_j x_ij = q_i, Σ_i x_ij ≤ cap_j, x ≥ 0, exactly, for few plants (columns).

    Successive shortest paths (Ahuja, Magnanti, Orlin, *Network Flows*, 1993, ch. 9): start from every
    point at its cheapest plant, a min-cost pseudo-flow whose residual network has no negative cycle;
    while a plant is overloaded, push flow from the overloaded plants to a plant with free capacity
    along a shortest path in the residual network. Only plants are nodes of that path: plant a → b
    costs min over the points i delivering to a of (c_ib − c_ia), the point that moves. Each push
    empties an overload, fills a free capacity or moves a point off a plant, and keeps the flow optimal
    for the amounts delivered, so the end is the LP optimum. Returns the cost, INFEASIBLE when the
    capacities are too small, or None after ``max_steps`` pushes (the caller then solves the LP).
    """
    p, m = cost.shape
    x = np.zeros((p, m))
    x[np.arange(p), cost.argmin(axis=1)] = q
    load = x.sum(axis=0)
    diff = cost[:, None, :] - cost[:, :, None]  # diff[i, a, b] = c_ib − c_ia
    eps = 1e-9
    for _ in range(max_steps):
        excess = load - capacity
        sources = excess > eps
        if not sources.any():
            return float((x * cost).sum())
        masked = np.where((x > eps)[:, :, None], diff, np.inf)
        via = masked.argmin(axis=0)  # the point that would move from a to b
        d = masked.min(axis=0)
        np.fill_diagonal(d, np.inf)
        dist = np.where(sources, 0.0, np.inf)
        pred = np.full(m, -1)
        for _ in range(m - 1):  # Bellman-Ford from all overloaded plants at once
            cand = dist[:, None] + d
            best = cand.argmin(axis=0)
            new = cand[best, np.arange(m)]
            better = new < dist - 1e-12
            if not better.any():
                break
            dist = np.where(better, new, dist)
            pred = np.where(better, best, pred)
        free = (capacity - load > eps) & np.isfinite(dist)
        if not free.any():
            return INFEASIBLE
        target = int(np.argmin(np.where(free, dist, np.inf)))
        path = [target]
        while pred[path[-1]] >= 0 and len(path) <= m:
            path.append(int(pred[path[-1]]))
        path.reverse()  # source … target
        amount = min(excess[path[0]], capacity[path[-1]] - load[path[-1]])
        for a, b in zip(path, path[1:], strict=False):
            amount = min(amount, x[via[a, b], a])
        for a, b in zip(path, path[1:], strict=False):
            i = via[a, b]
            x[i, a] -= amount
            x[i, b] += amount
        load[path[0]] -= amount
        load[path[-1]] += amount
    return None


class WarmTransport:
    """min Σ c_ij x_ij, Σ_j x_ij = q_i, Σ_i x_ij ≤ cap_j over all points × plants, kept loaded in HiGHS.

    :meth:`solve` restricts it to some points (rows) and plants (cols) by bounds only: x_ij of other
    pairs get the upper bound 0 and the demand of other points becomes 0. HiGHS then re-optimises from
    the previous basis."""

    def __init__(self, cost, q, capacity):
        self.p, self.m = cost.shape
        self.q = np.asarray(q, dtype=float)
        n_col = self.p * self.m
        a = sparse.vstack(
            [
                sparse.kron(sparse.eye(self.p), np.ones((1, self.m))),
                sparse.kron(np.ones((1, self.p)), sparse.eye(self.m)),
            ]
        ).tocsc()
        lp = _highs.HighsLp()
        lp.num_col_ = n_col
        lp.num_row_ = self.p + self.m
        lp.a_matrix_.num_col_ = n_col
        lp.a_matrix_.num_row_ = self.p + self.m
        lp.a_matrix_.format_ = _highs.MatrixFormat.kColwise
        lp.a_matrix_.start_ = a.indptr
        lp.a_matrix_.index_ = a.indices
        lp.a_matrix_.value_ = a.data
        lp.col_cost_ = np.ascontiguousarray(cost.ravel(), dtype=float)
        lp.col_lower_ = np.zeros(n_col)
        lp.col_upper_ = np.full(n_col, np.inf)
        lp.row_lower_ = np.concatenate([self.q, np.full(self.m, -np.inf)])
        lp.row_upper_ = np.concatenate([self.q, np.asarray(capacity, dtype=float)])
        self.highs = _highs._Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("presolve", "off")  # keep the basis between solves
        self.highs.passModel(lp)
        self.columns = np.arange(n_col, dtype=np.int32)
        self.lower = np.zeros(n_col)
        self.upper = np.full(n_col, np.inf)  # the bounds loaded in HiGHS
        self.demand = np.full(self.p, -1.0)

    def solve(self, rows, cols):
        member = np.zeros(self.p, dtype=bool)
        member[rows] = True
        usable = np.zeros(self.m, dtype=bool)
        usable[cols] = True
        upper = np.where(member[:, None] & usable[None, :], np.inf, 0.0).ravel()
        changed = self.columns[upper != self.upper]  # only the columns of the players that changed
        if changed.size:
            self.highs.changeColsBounds(len(changed), changed, self.lower[: len(changed)], upper[changed])
            self.upper = upper
        demand = np.where(member, self.q, 0.0)
        for i in np.flatnonzero(demand != self.demand):
            self.highs.changeRowBounds(int(i), float(demand[i]), float(demand[i]))
        self.demand = demand
        self.highs.run()
        if self.highs.getModelStatus() != _highs.HighsModelStatus.kOptimal:
            return INFEASIBLE
        return float(self.highs.getInfo().objective_function_value)


@dataclass
class Game:
    players: list  # municipality names
    model: allocation.Model  # municipal points × all plants, cost coefficients
    options: allocation.Options
    capacity: np.ndarray  # capacity per plant available to the municipalities (t/a)
    point_player: np.ndarray  # player index of every point
    plant_owner: np.ndarray  # player index of every plant's owner, −1 = third party

    @property
    def n(self):
        return len(self.players)

    def __post_init__(self):
        self.q = np.array([p.quantity_t for p in self.model.points], dtype=float)
        self.rows_of = [np.flatnonzero(self.point_player == i) for i in range(self.n)]
        self.player_index = np.arange(self.n)
        plants = self.model.plants
        self.fixed = np.array([pl.fixed_cost for pl in plants], dtype=float)
        self.candidate = np.array([pl.candidate for pl in plants], dtype=bool)
        # Fixed costs of existing plants belong to their owner, used or not.
        self.owned_fixed = np.zeros(self.n)
        for j, owner in enumerate(self.plant_owner):
            if owner >= 0 and not self.candidate[j]:
                self.owned_fixed[owner] += self.fixed[j]
        self.lp_solves = 0
        self.closed_form = 0  # coalition options with one binding plant solved without an LP
        self.ssp_solves = 0  # transportation problems solved by successive shortest paths
        self.milp_fallbacks = 0
        self.screened = 0  # coalitions valued by the vectorised screen (no Python loop, no LP)
        self.warm = None
        if _highs is not None and not self.options.single_source:
            try:
                self.warm = WarmTransport(self.model.cost, self.q, self.capacity)
            except (AttributeError, TypeError):  # pragma: no cover - binding changed: use linprog
                self.warm = None

    # --- which plants a coalition may use ----------------------------------------------------------

    def members(self, mask):
        return [i for i in range(self.n) if mask >> i & 1]

    def usable(self, mask):
        """(existing plant indices, candidate plant indices) the coalition may use."""
        owner_in = (self.plant_owner < 0) | ((mask >> np.maximum(self.plant_owner, 0)) & 1).astype(bool)
        existing = np.flatnonzero(owner_in & ~self.candidate & (self.capacity > 0))
        if self.options.open_candidates:
            candidates = np.flatnonzero(owner_in & self.candidate & (self.capacity > 0))
        else:
            candidates = np.zeros(0, dtype=int)
        return existing, candidates

    def rows(self, mask):
        parts = [self.rows_of[i] for i in self.members(mask)]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=int)

    def fixed_of_members(self, mask):
        return float(self.owned_fixed @ ((mask >> self.player_index) & 1))

    # --- the reference: one MILP per coalition -----------------------------------------------------

    def value_milp(self, mask):
        rows = self.rows(mask)
        const = self.fixed_of_members(mask)
        if rows.size == 0 or self.q[rows].sum() <= 0:
            return const
        existing, candidates = self.usable(mask)
        cols = np.concatenate([existing, candidates]).astype(int)
        if self.q[rows].sum() > self.capacity[cols].sum() + 1e-6:
            return INFEASIBLE
        m = self.model
        plants = [replace(m.plants[j], capacity_t=float(self.capacity[j])) for j in cols]
        sub = allocation.Model(
            points=[m.points[i] for i in rows],
            plants=plants,
            km=m.km[np.ix_(rows, cols)],
            cost=m.cost[np.ix_(rows, cols)],
            co2=m.co2[np.ix_(rows, cols)],
            transport_cost=m.transport_cost[np.ix_(rows, cols)],
            transport_co2=m.transport_co2[np.ix_(rows, cols)],
            trips=m.trips[rows],
            open_vars=[t for t, j in enumerate(cols) if self.candidate[j]],
            energy_vars=[],
        )
        options = replace(self.options, objective="cost", co2_cap_kg=None)
        c, integrality, bounds, constraints = allocation.milp_arrays(sub, options)
        res = milp(c, integrality=integrality, bounds=bounds, constraints=constraints)
        if res.x is None:
            return INFEASIBLE
        return const + float(res.fun)

    # --- exact and fast ----------------------------------------------------------------------------

    def _transport_lp(self, rows, cols):
        """min Σ c_ij x_ij, Σ_j x_ij = q_i, Σ_i x_ij ≤ capacity_j, x ≥ 0 (splittable delivery): the
        warm-started HiGHS model, else successive shortest paths, else a fresh ``linprog``."""
        self.lp_solves += 1
        if self.warm is not None:
            return self.warm.solve(rows, cols)
        value = transport_ssp(self.model.cost[np.ix_(rows, cols)], self.q[rows], self.capacity[cols])
        if value is not None:
            self.ssp_solves += 1
            return value
        return self._transport_linprog(rows, cols)

    def _transport_linprog(self, rows, cols):
        n, k = len(rows), len(cols)
        cost = self.model.cost[np.ix_(rows, cols)].ravel()
        a_eq = sparse.kron(sparse.eye(n), np.ones((1, k)), format="csr")
        a_ub = sparse.kron(np.ones((1, n)), sparse.eye(k), format="csr")
        res = linprog(cost, A_ub=a_ub, b_ub=self.capacity[cols], A_eq=a_eq, b_eq=self.q[rows], method="highs")
        return float(res.fun) if res.status == 0 else INFEASIBLE

    @staticmethod
    def _move_excess(sub, q, cheapest, best_cost, j, excess):
        """(extra cost, new load per plant) of moving ``excess`` tonnes out of plant j (column index),
        cheapest regret first, to each point's cheapest other plant; splittable delivery."""
        on_j = np.flatnonzero(cheapest == j)
        others = sub[on_j].copy()
        others[:, j] = np.inf
        target = others.argmin(axis=1)
        regret = others[np.arange(on_j.size), target] - best_cost[on_j]
        order = np.argsort(regret, kind="stable")
        tonnes = q[on_j][order]
        before = np.cumsum(tonnes) - tonnes  # tonnes moved before each point, cheapest regret first
        amount = np.clip(excess - before, 0.0, tonnes)
        load = np.bincount(cheapest, weights=q, minlength=sub.shape[1])
        load[j] -= amount.sum()
        load += np.bincount(target[order], weights=amount, minlength=sub.shape[1])
        return float(amount @ regret[order]), load

    def value_fast(self, mask):
        rows = np.flatnonzero((mask >> self.point_player) & 1)
        const = self.fixed_of_members(mask)
        if rows.size == 0 or self.q[rows].sum() <= 0:
            return const
        existing, candidates = self.usable(mask)
        q = self.q[rows]
        total = q.sum()
        cost_rows = self.model.cost[rows]
        index = np.arange(len(rows))
        options = []
        for size in range(len(candidates) + 1):
            for opened in combinations(candidates.tolist(), size):
                cols = np.concatenate([existing, np.array(opened, dtype=int)]).astype(int)
                if cols.size == 0 or total > self.capacity[cols].sum() + 1e-6:
                    continue
                sub = cost_rows[:, cols]
                cheapest = sub.argmin(axis=1)
                best_cost = sub[index, cheapest]
                bound = float(q @ best_cost) + float(self.fixed[list(opened)].sum())
                load = np.bincount(cheapest, weights=q, minlength=len(cols))
                excess = load - self.capacity[cols]
                over = np.flatnonzero(excess > 1e-9)
                if over.size == 0:
                    options.append((bound, False, opened, cols, (None, 0.0)))
                    continue
                # A point whose cheapest plant can never bind (capacity ≥ all the coalition's waste) stays
                # there in an optimal solution (moving it there never costs more and keeps every
                # capacity), so only the other points enter the transportation problem.
                free = ~(self.capacity[cols] < total - 1e-9)[cheapest]
                fixed_part = float(q[free] @ best_cost[free])
                lp = (rows[~free], fixed_part)
                if over.size == 1 and not self.options.single_source:
                    # One overloaded plant j: the LP with only j's capacity is solved in closed form —
                    # move its excess out, tonne by tonne in increasing regret, each point to its next
                    # cheapest plant. It is a lower bound (a relaxation), and the exact value when the
                    # receiving plants keep their capacities (LP duality: u_j = marginal regret).
                    moved = self._move_excess(
                        sub, q, cheapest, best_cost, int(over[0]), float(excess[over[0]])
                    )
                    extra, new_load = moved
                    bound += extra
                    fits = bool((new_load - self.capacity[cols] <= 1e-9).all())
                    self.closed_form += fits
                    options.append((bound, not fits, opened, cols, lp))
                    continue
                # Several overloaded plants: at least the excess of each must go elsewhere, each tonne at
                # no less than the smallest extra cost (second-cheapest − cheapest) of its points.
                second = np.partition(sub, 1, axis=1)[:, 1]
                regret = second - best_cost
                for j in over:
                    bound += float(excess[j] * regret[cheapest == j].min())
                options.append((bound, True, opened, cols, lp))
        if not options:
            return INFEASIBLE
        options.sort(key=lambda o: (o[0], o[1]))
        best = INFEASIBLE
        for bound, binding, opened, cols, (lp_rows, fixed_part) in options:
            if bound >= best - 1e-9:
                break  # no later opening decision can beat the best value found
            if not binding:
                best = bound  # the cheapest assignment fits: exact, and every later bound is higher
                break
            if self.options.single_source:
                self.milp_fallbacks += 1
                return self.value_milp(mask)
            value = fixed_part + self._transport_lp(lp_rows, cols)
            best = min(best, value + float(self.fixed[list(opened)].sum()))
        return const + best

    def screen(self):
        """``v`` of every coalition that needs no transportation problem, NaN for the others.

        For all coalitions at once (matrix products over the member points): for every set S of plants
        the cheapest assignment's cost and plant loads, per point precomputed for all 2^m plant sets.
        Where the opening decision with the lowest such cost also keeps every capacity, that cost is
        the exact value (every other decision costs at least its own lower bound) — the same rule as
        :meth:`value_fast`, without a Python loop per coalition. Skipped for many plants (2^m sets)."""
        n, m = self.n, len(self.capacity)
        count = 1 << n
        out = np.full(count, np.nan)
        cand_idx = (
            np.flatnonzero(self.candidate & (self.capacity > 0)) if self.options.open_candidates else []
        )
        if m > 10 or len(cand_idx) > 6 or self.options.single_source:
            return out
        masks = np.arange(count)
        bits = (masks[:, None] >> self.player_index) & 1
        members = bits[:, self.point_player].astype(float)  # coalition × point
        owner_in = np.where(self.plant_owner < 0, 1, bits[:, np.maximum(self.plant_owner, 0)]).astype(bool)
        usable = owner_in & (self.capacity > 0)
        plant_bit = 1 << np.arange(m)
        existing_set = (usable & ~self.candidate) @ plant_bit
        cost = self.model.cost
        sets = np.arange(1, 1 << m)
        in_set = ((sets[:, None] >> np.arange(m)) & 1).astype(bool)  # set × plant
        masked = np.where(in_set[None, :, :], cost[:, None, :], np.inf)  # point × set × plant
        cheapest = masked.argmin(axis=2)
        weight = self.q[:, None] * masked.min(axis=2)  # point × set
        loads = np.zeros((len(self.q), len(sets), m))
        np.put_along_axis(loads, cheapest[:, :, None], self.q[:, None, None], axis=2)
        bound = np.zeros((count, 1 << m))
        bound[:, 1:] = members @ weight
        load = (members @ loads.reshape(len(self.q), -1)).reshape(count, len(sets), m)
        fits = np.zeros((count, 1 << m), dtype=bool)
        fits[:, 1:] = (load - self.capacity <= 1e-9).all(axis=2)
        capacity_of = np.zeros(1 << m)
        capacity_of[1:] = in_set @ self.capacity
        total = members @ self.q
        rows_all = np.arange(count)
        best_fit = np.full(count, np.inf)
        best_binding = np.full(count, np.inf)
        for size in range(len(cand_idx) + 1):
            for opened in combinations(list(cand_idx), size):
                allowed = usable[:, list(opened)].all(axis=1) if opened else np.ones(count, dtype=bool)
                s_set = existing_set | int(sum(plant_bit[j] for j in opened))
                feasible = allowed & (s_set > 0) & (total <= capacity_of[s_set] + 1e-6)
                value = bound[rows_all, s_set] + float(self.fixed[list(opened)].sum())
                fit = fits[rows_all, s_set]
                best_fit = np.where(feasible & fit, np.minimum(best_fit, value), best_fit)
                best_binding = np.where(feasible & ~fit, np.minimum(best_binding, value), best_binding)
        const = bits @ self.owned_fixed
        exact = np.isfinite(best_fit) & (best_fit <= best_binding)
        out[exact] = const[exact] + best_fit[exact]
        empty = total <= 0
        out[empty] = const[empty]
        out[0] = 0.0
        self.screened = int(exact.sum())
        return out

    def values(self, method="fast"):
        """``v`` of every coalition as an array indexed by bitmask (bit i = player i); v(∅) = 0."""
        value = self.value_fast if method == "fast" else self.value_milp
        out = self.screen() if method == "fast" else np.full(1 << self.n, np.nan)
        out[0] = 0.0
        # Gray-code order: consecutive coalitions differ by one municipality, so the warm-started LP
        # starts from the basis of a neighbouring problem.
        for i in range(1, 1 << self.n):
            mask = i ^ (i >> 1)
            if np.isnan(out[mask]):
                out[mask] = value(mask)
        return out


def build_game(points, plants, options, km, reserved=None):
    """The cost game over the municipal-responsibility points (None when fewer than two players).

    ``reserved``: tonnes per plant taken by waste outside the game (the EVS's), removed from capacity.
    """
    rows = [i for i, p in enumerate(points) if p.responsibility == "municipal" and p.quantity_t > 0]
    names = {points[i].municipality for i in rows}
    names |= {pl.owner for pl in plants if pl.owner}
    players = sorted(names)
    if len(players) < 2 or not rows:
        return None
    sub = [points[i] for i in rows]
    cost_options = replace(options, objective="cost", co2_cap_kg=None)
    model = allocation.build(sub, plants, cost_options, np.asarray(km)[rows])
    capacity = np.array([pl.capacity_t for pl in plants], dtype=float)
    if reserved is not None:
        capacity = np.maximum(capacity - np.asarray(reserved, dtype=float), 0.0)
    index = {name: i for i, name in enumerate(players)}
    return Game(
        players=players,
        model=model,
        options=cost_options,
        capacity=capacity,
        point_player=np.array([index[p.municipality] for p in sub], dtype=int),
        plant_owner=np.array([index[pl.owner] if pl.owner else -1 for pl in plants], dtype=int),
    )
