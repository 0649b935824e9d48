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
  that cost is a lower bound and exact when no capacity is exceeded. Only where a capacity binds a
  small transportation LP is solved, in increasing order of the lower bounds, stopping as soon as the
  next bound cannot beat the best value found (branch and bound over the opening decisions). The LPs
  are warm-started: one HiGHS model over all points × plants stays loaded, and each coalition only
  changes variable and row bounds, so the dual simplex restarts from the previous basis (about 0.2 ms
  instead of about 5 ms for a fresh ``linprog``). HiGHS is the solver scipy bundles; its Python
  binding is reached through ``scipy.optimize._highspy`` and, should a scipy release move it, the code
  falls back to ``scipy.optimize.linprog`` (same results, slower). Single-source delivery with a
  binding capacity falls back to the MILP.
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
        self.demand = np.full(self.p, -1.0)

    def solve(self, rows, cols):
        member = np.zeros(self.p, dtype=bool)
        member[rows] = True
        usable = np.zeros(self.m, dtype=bool)
        usable[cols] = True
        upper = np.where(member[:, None] & usable[None, :], np.inf, 0.0).ravel()
        self.highs.changeColsBounds(len(self.columns), self.columns, self.lower, upper)
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
        plants = self.model.plants
        self.fixed = np.array([pl.fixed_cost for pl in plants], dtype=float)
        self.candidate = np.array([pl.candidate for pl in plants], dtype=bool)
        # Fixed costs of existing plants belong to their owner, used or not.
        self.owned_fixed = np.zeros(self.n)
        for j, owner in enumerate(self.plant_owner):
            if owner >= 0 and not self.candidate[j]:
                self.owned_fixed[owner] += self.fixed[j]
        self.lp_solves = 0
        self.milp_fallbacks = 0
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
        owner_in = np.array([o < 0 or (mask >> o & 1) == 1 for o in self.plant_owner], dtype=bool)
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
        return float(sum(self.owned_fixed[i] for i in self.members(mask)))

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
        """min Σ c_ij x_ij, Σ_j x_ij = q_i, Σ_i x_ij ≤ capacity_j, x ≥ 0 (splittable delivery)."""
        self.lp_solves += 1
        if self.warm is not None:
            return self.warm.solve(rows, cols)
        return self._transport_linprog(rows, cols)

    def _transport_linprog(self, rows, cols):
        n, k = len(rows), len(cols)
        cost = self.model.cost[np.ix_(rows, cols)].ravel()
        a_eq = sparse.kron(sparse.eye(n), np.ones((1, k)), format="csr")
        a_ub = sparse.kron(np.ones((1, n)), sparse.eye(k), format="csr")
        res = linprog(cost, A_ub=a_ub, b_ub=self.capacity[cols], A_eq=a_eq, b_eq=self.q[rows], method="highs")
        return float(res.fun) if res.status == 0 else INFEASIBLE

    def value_fast(self, mask):
        rows = self.rows(mask)
        const = self.fixed_of_members(mask)
        if rows.size == 0 or self.q[rows].sum() <= 0:
            return const
        existing, candidates = self.usable(mask)
        q = self.q[rows]
        total = q.sum()
        options = []
        for size in range(len(candidates) + 1):
            for opened in combinations(candidates.tolist(), size):
                cols = np.concatenate([existing, np.array(opened, dtype=int)]).astype(int)
                if cols.size == 0 or total > self.capacity[cols].sum() + 1e-6:
                    continue
                sub = self.model.cost[np.ix_(rows, cols)]
                index = np.arange(len(rows))
                cheapest = sub.argmin(axis=1)
                best_cost = sub[index, cheapest]
                bound = float(q @ best_cost) + float(self.fixed[list(opened)].sum())
                load = np.bincount(cheapest, weights=q, minlength=len(cols))
                excess = load - self.capacity[cols]
                fits = bool((excess <= 1e-9).all())
                if not fits and len(cols) > 1:
                    # At least the excess of an overloaded plant must go elsewhere, each tonne at no
                    # less than the smallest extra cost (second-cheapest − cheapest) of its points.
                    second = np.partition(sub, 1, axis=1)[:, 1]
                    regret = second - best_cost
                    for j in np.flatnonzero(excess > 1e-9):
                        bound += float(excess[j] * regret[cheapest == j].min())
                options.append((bound, not fits, opened, cols))
        if not options:
            return INFEASIBLE
        options.sort(key=lambda o: (o[0], o[1]))
        best = INFEASIBLE
        for bound, binding, opened, cols in options:
            if bound >= best - 1e-9:
                break  # no later opening decision can beat the best value found
            if not binding:
                best = bound  # the cheapest assignment fits: exact, and every later bound is higher
                break
            if self.options.single_source:
                self.milp_fallbacks += 1
                return self.value_milp(mask)
            best = min(best, self._transport_lp(rows, cols) + float(self.fixed[list(opened)].sum()))
        return const + best

    def values(self, method="fast"):
        """``v`` of every coalition as an array indexed by bitmask (bit i = player i); v(∅) = 0."""
        value = self.value_fast if method == "fast" else self.value_milp
        out = np.zeros(1 << self.n)
        # Gray-code order: consecutive coalitions differ by one municipality, so the warm-started LP
        # starts from the basis of a neighbouring problem.
        for i in range(1, 1 << self.n):
            mask = i ^ (i >> 1)
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
