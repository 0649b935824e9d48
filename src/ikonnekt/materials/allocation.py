"""Green-waste allocation: which collection point delivers how much to which plant (HiGHS).

Model (all quantities per year, tonnes):

* ``x_ij ≥ 0``  tonnes from point i to plant j; single-source: ``x_ij = q_i z_ij`` with binary ``z``;
* ``y_j ∈ {0,1}`` open candidate plant j (existing plants are open, ``y_j = 1``);
* every point delivers its quantity: ``Σ_j x_ij = q_i``;
* capacity: ``Σ_i x_ij ≤ C_j y_j``;
* cost  = Σ (transport €/t + gate fee €/t) x_ij + Σ fixed cost_j y_j (+ fixed costs of existing plants
  that have an owner: they belong to the owner whether used or not; a third-party plant's fixed costs are
  part of its gate fee);
* energy: ``0 ≤ e_j ≤ woody share × MWh/t × Σ_i x_ij`` and ``e_j ≤ kW × full-load hours / 1000``
  (a boiler cannot deliver more heat than its rated output over its full-load hours);
* CO2e  = Σ (transport kg/t + process kg/t) x_ij − Σ EF_j e_j, EF_j = emission factor of the
  replaced heat (kg CO2e/MWh);
* objective cost, CO2e, or cost + carbon price × CO2e (weighted); ε-constraint for the Pareto front.

Solved with HiGHS through ``scipy.optimize.milp`` (an LP when nothing is binary).
"""

from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from ikonnekt.materials import transport


@dataclass
class Point:
    id: str
    name: str
    municipality: str
    quantity_t: float
    lat: float | None = None
    lon: float | None = None
    bulk_density: float = 0.15  # t/m³ loose green waste
    # Whose waste the point carries: "municipal" (the municipality's own green waste from parks,
    # cemeteries, roadside) or "evs" (private households' green waste, EVS responsible; see greenwaste.py).
    responsibility: str = "municipal"


@dataclass
class Plant:
    id: str
    name: str
    capacity_t: float
    gate_fee: float = 0.0
    fixed_cost: float = 0.0
    candidate: bool = False
    process_kg_per_t: float = 0.0
    energy_mwh_per_t: float = 0.0
    woody_share: float = 0.0
    heat_ef_kg_per_mwh: float = 0.0
    lat: float | None = None
    lon: float | None = None
    kind: str = ""
    # The municipality that owns or operates the plant (a player of the cost game); None = third party
    # (EVS, private operator) reached at its gate fee.
    owner: str | None = None
    thermal_kw: float = 0.0  # rated heat output of a biomass boiler (kW); 0 = no capacity limit entered
    full_load_hours: float = 0.0  # h/a

    @property
    def energy_per_t(self):
        """MWh of heat per tonne delivered (woody share × MWh per tonne of the woody fraction)."""
        return self.woody_share * self.energy_mwh_per_t

    @property
    def avoided_kg_per_t(self):
        """Avoided CO2e per tonne as long as the boiler's capacity does not bind."""
        return self.energy_per_t * self.heat_ef_kg_per_mwh

    @property
    def energy_cap_mwh(self):
        """kW × full-load hours / 1000 = the most heat the plant can deliver in a year (MWh/a)."""
        if self.thermal_kw > 0 and self.full_load_hours > 0:
            return self.thermal_kw * self.full_load_hours / 1000.0
        return float("inf")

    def energy_mwh(self, tonnes):
        """Heat credited for ``tonnes`` delivered: min(t × MWh/t, kW × h / 1000)."""
        return min(tonnes * self.energy_per_t, self.energy_cap_mwh)

    @property
    def counts_fixed_cost(self):
        """Fixed costs count for candidate sites (when opened) and for plants with an owner."""
        return self.candidate or self.owner is not None


@dataclass
class Options:
    objective: str = "cost"  # cost / co2 / weighted
    carbon_price: float = 100.0  # €/t CO2e in the weighted objective
    single_source: bool = False
    open_candidates: bool = True  # False: candidate plants stay closed
    detour: float = transport.DEFAULT_DETOUR
    vehicle: transport.Vehicle = field(default_factory=transport.Vehicle)
    time_limit: float = 60.0
    co2_cap_kg: float | None = None  # ε-constraint


class AllocationError(ValueError):
    def __init__(self, messages):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("; ".join(self.messages))


@dataclass
class Model:
    """The assembled coefficient arrays (reused by the Pareto run, the cost game and the benchmark)."""

    points: list
    plants: list
    km: np.ndarray
    cost: np.ndarray  # €/t per pair (transport + gate fee)
    co2: np.ndarray  # kg/t per pair (transport + process; the energy credit is separate, capped per plant)
    transport_cost: np.ndarray
    transport_co2: np.ndarray
    trips: np.ndarray  # trips per t per point
    open_vars: list  # plant indices with a binary opening variable
    energy_vars: list = field(default_factory=list)  # plant indices with an energy credit variable


def _check(points, plants, options, km):
    errors = []
    if not points:
        errors.append(_("There are no collection points with quantities."))
    if not plants:
        errors.append(_("There are no plants."))
    for p in points:
        if not np.isfinite(p.quantity_t) or p.quantity_t < 0:
            errors.append(_("Collection point “%(n)s”: the quantity must not be negative.") % {"n": p.name})
        if p.bulk_density <= 0:
            errors.append(_("Collection point “%(n)s”: the bulk density must be positive.") % {"n": p.name})
    for pl in plants:
        if pl.capacity_t < 0 or pl.gate_fee < 0 or pl.fixed_cost < 0:
            errors.append(
                _("Plant “%(n)s”: capacity, gate fee and fixed cost must not be negative.") % {"n": pl.name}
            )
    if options.objective not in ("cost", "co2", "weighted"):
        errors.append(_("Unknown objective “%(o)s” (cost, co2 or weighted).") % {"o": options.objective})
    if km is None and any(x.lat is None or x.lon is None for x in [*points, *plants]):
        missing = [x.name for x in [*points, *plants] if x.lat is None or x.lon is None]
        errors.append(
            _("Without a distance table every point and plant needs coordinates; missing: %(n)s.")
            % {"n": ", ".join(missing[:10])}
        )
    if km is not None and np.shape(km) != (len(points), len(plants)):
        errors.append(
            _("The distance table must have one row per collection point and one column per plant.")
        )
    if errors:
        raise AllocationError(errors)
    total = sum(p.quantity_t for p in points)
    usable = [pl for pl in plants if options.open_candidates or not pl.candidate]
    capacity = sum(pl.capacity_t for pl in usable)
    if total > capacity + 1e-6:
        details = ", ".join(f"{pl.name}: {pl.capacity_t:,.0f} t".replace(",", ".") for pl in usable)
        raise AllocationError(
            _(
                "The total quantity of %(q)s t exceeds the total capacity of %(c)s t by %(d)s t "
                "(capacities: %(details)s)."
            )
            % {"q": _fmt(total), "c": _fmt(capacity), "d": _fmt(total - capacity), "details": details}
        )
    if options.single_source:
        biggest = max((pl.capacity_t for pl in usable), default=0)
        too_big = [p.name for p in points if p.quantity_t > biggest + 1e-6]
        if too_big:
            raise AllocationError(
                _(
                    "Single-source delivery is impossible: %(n)s deliver more than the largest plant (%(c)s t) takes."
                )
                % {"n": ", ".join(too_big), "c": _fmt(biggest)}
            )


def _fmt(x):
    return f"{x:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")


def build(points, plants, options: Options, km=None) -> Model:
    _check(points, plants, options, km)
    if km is None:
        km = transport.distance_matrix(
            [(p.lat, p.lon) for p in points], [(pl.lat, pl.lon) for pl in plants], options.detour
        )
    km = np.asarray(km, dtype=float)
    v = options.vehicle
    trips = np.array([transport.trips_per_tonne(v, p.bulk_density) for p in points])
    t_cost = trips[:, None] * (2 * km * v.cost_per_km + v.cost_per_trip)
    t_co2 = trips[:, None] * 2 * km * v.kg_co2e_per_km
    gate = np.array([pl.gate_fee for pl in plants])
    process = np.array([pl.process_kg_per_t for pl in plants])
    open_vars = [j for j, pl in enumerate(plants) if pl.candidate] if options.open_candidates else []
    energy_vars = [j for j, pl in enumerate(plants) if pl.energy_per_t > 0 and pl.heat_ef_kg_per_mwh > 0]
    return Model(
        points=points,
        plants=plants,
        km=km,
        cost=t_cost + gate[None, :],
        co2=t_co2 + process[None, :],
        transport_cost=t_cost,
        transport_co2=t_co2,
        trips=trips,
        open_vars=open_vars,
        energy_vars=energy_vars,
    )


def milp_arrays(model: Model, options: Options):
    """(c, integrality, bounds, constraints) of the model: x (n×m, row-major), then y, then e."""
    n, m = model.cost.shape
    q = np.array([p.quantity_t for p in model.points])
    cap = np.array([pl.capacity_t for pl in model.plants])
    fixed = np.array([model.plants[j].fixed_cost for j in model.open_vars])
    k = len(model.open_vars)
    r = len(model.energy_vars)
    ef = np.array([model.plants[j].heat_ef_kg_per_mwh for j in model.energy_vars])
    if options.objective == "cost":
        cx, cy, ce = model.cost.ravel(), fixed, np.zeros(r)
    elif options.objective == "co2":
        cx, cy, ce = model.co2.ravel(), np.zeros(k), -ef
    else:
        cx = model.cost.ravel() + options.carbon_price / 1000.0 * model.co2.ravel()
        cy, ce = fixed, -options.carbon_price / 1000.0 * ef
    single = options.single_source
    width = n * m + k + r
    # Single-source: variables are shares z_ij ∈ {0,1} with x_ij = q_i z_ij.
    scale = np.repeat(q, m) if single else np.ones(n * m)
    c = np.concatenate([cx * scale, cy, ce])
    # Closed candidates (not opened) have capacity 0 when opening is off.
    closed = np.array([pl.candidate and not options.open_candidates for pl in model.plants])
    rows_n = np.repeat(np.arange(n), m)
    cols = np.arange(n * m)
    demand = sparse.csr_matrix((np.ones(n * m), (rows_n, cols)), shape=(n, width))
    rows_m = np.tile(np.arange(m), n)
    cap_x = sparse.csr_matrix((scale, (rows_m, cols)), shape=(m, width))
    open_pos = {j: n * m + t for t, j in enumerate(model.open_vars)}
    cap_y = sparse.csr_matrix(
        (
            -cap[model.open_vars] if k else np.zeros(0),
            (np.array(model.open_vars, dtype=int), [open_pos[j] for j in model.open_vars]),
        ),
        shape=(m, width),
    )
    cap_ub = np.where(closed, 0.0, cap)
    cap_ub[model.open_vars] = 0.0
    d_rhs = np.ones(n) if single else q
    constraints = [
        LinearConstraint(demand, d_rhs, d_rhs),
        LinearConstraint(cap_x + cap_y, -np.inf, cap_ub),
    ]
    if r:
        # e_j − (MWh/t)_j Σ_i x_ij ≤ 0: heat only from what is delivered.
        rows, cols_e, vals = [], [], []
        for t, j in enumerate(model.energy_vars):
            per_t = model.plants[j].energy_per_t
            for i in range(n):
                rows.append(t)
                cols_e.append(i * m + j)
                vals.append(-per_t * scale[i * m + j])
            rows.append(t)
            cols_e.append(n * m + k + t)
            vals.append(1.0)
        energy = sparse.csr_matrix((vals, (rows, cols_e)), shape=(r, width))
        constraints.append(LinearConstraint(energy, -np.inf, np.zeros(r)))
    if options.co2_cap_kg is not None:
        row = np.concatenate([model.co2.ravel() * scale, np.zeros(k), -ef])
        constraints.append(LinearConstraint(row[None, :], -np.inf, options.co2_cap_kg))
    integrality = np.concatenate([np.full(n * m, 1 if single else 0), np.ones(k), np.zeros(r)])
    e_cap = np.array([model.plants[j].energy_cap_mwh for j in model.energy_vars])
    upper = np.concatenate([np.ones(n * m) if single else np.repeat(q, m), np.ones(k), e_cap])
    bounds = Bounds(np.zeros(width), upper)
    return c, integrality, bounds, constraints


def solve(model: Model, options: Options) -> dict:
    c, integrality, bounds, constraints = milp_arrays(model, options)
    res = milp(
        c,
        integrality=integrality,
        bounds=bounds,
        constraints=constraints,
        options={"time_limit": options.time_limit, "presolve": True},
    )
    if res.x is None:
        if options.co2_cap_kg is not None:
            raise AllocationError(_("No allocation meets the CO2e limit."))
        raise AllocationError(_("No feasible allocation: %(m)s") % {"m": res.message})
    return summarise(model, options, res.x, float(res.fun), res.status == 0)


def summarise(model: Model, options: Options, x_full, objective_value, optimal=True) -> dict:
    n, m = model.cost.shape
    q = np.array([p.quantity_t for p in model.points])
    raw = x_full[: n * m].reshape(n, m)
    x = raw * q[:, None] if options.single_source else raw.copy()
    x[x < 1e-9] = 0.0
    opened = np.array([not (pl.candidate and not options.open_candidates) for pl in model.plants])
    for t, j in enumerate(model.open_vars):
        opened[j] = x_full[n * m + t] > 0.5
    delivered = x.sum(axis=0)
    fixed = np.array(
        [pl.fixed_cost if opened[j] and pl.counts_fixed_cost else 0.0 for j, pl in enumerate(model.plants)]
    )
    energy = np.array([pl.energy_mwh(delivered[j]) for j, pl in enumerate(model.plants)])
    avoided = np.array([energy[j] * pl.heat_ef_kg_per_mwh for j, pl in enumerate(model.plants)])
    avoided_per_t = np.divide(avoided, delivered, out=np.zeros(m), where=delivered > 0)
    flows = []
    for i, j in zip(*np.nonzero(x), strict=True):
        flows.append(
            {
                "point": model.points[i].id,
                "plant": model.plants[j].id,
                "tonnes": float(x[i, j]),
                "km": float(model.km[i, j]),
                "trips": float(x[i, j] * model.trips[i]),
                "transport_cost": float(x[i, j] * model.transport_cost[i, j]),
                "gate_fee": float(x[i, j] * model.plants[j].gate_fee),
                "co2e_kg": float(x[i, j] * (model.co2[i, j] - avoided_per_t[j])),
            }
        )
    plants = []
    for j, pl in enumerate(model.plants):
        cap = pl.energy_cap_mwh
        potential = float(delivered[j] * pl.energy_per_t)
        plants.append(
            {
                "plant": pl.id,
                "name": pl.name,
                "owner": pl.owner,
                "open": bool(opened[j]),
                "tonnes": float(delivered[j]),
                "capacity_t": pl.capacity_t,
                "utilisation": float(delivered[j] / pl.capacity_t) if pl.capacity_t else 0.0,
                "fixed_cost": float(fixed[j]),
                "energy_potential_mwh": potential,
                "energy_cap_mwh": None if np.isinf(cap) else float(cap),
                "energy_capped": bool(potential > cap + 1e-9),
                "energy_mwh": float(energy[j]),
                "heat_ef_kg_per_mwh": pl.heat_ef_kg_per_mwh,
                "co2e_avoided_kg": float(avoided[j]),
            }
        )
    # Fixed costs: to the owner of the plant; a jointly opened candidate without owner per tonne delivered.
    shared_fixed = np.array(
        [fixed[j] if model.plants[j].owner is None else 0.0 for j in range(m)], dtype=float
    )
    fixed_per_t = np.divide(shared_fixed, delivered, out=np.zeros(m), where=delivered > 0)
    per_point_cost = (x * (model.cost + fixed_per_t[None, :])).sum(axis=1)
    per_point_co2 = (x * (model.co2 - avoided_per_t[None, :])).sum(axis=1)
    municipalities: dict = {}

    def row(name):
        return municipalities.setdefault(
            name, {"municipality": name, "tonnes": 0.0, "cost": 0.0, "fixed_cost": 0.0, "co2e_kg": 0.0}
        )

    for i, p in enumerate(model.points):
        r = row(p.municipality)
        r["tonnes"] += float(q[i])
        r["cost"] += float(per_point_cost[i])
        r["co2e_kg"] += float(per_point_co2[i])
    for j, pl in enumerate(model.plants):
        if pl.owner is not None and fixed[j]:
            r = row(pl.owner)
            r["cost"] += float(fixed[j])
            r["fixed_cost"] += float(fixed[j])
    total_cost = float((x * model.cost).sum() + fixed.sum())
    total_co2 = float((x * model.co2).sum() - avoided.sum())
    return {
        "optimal": bool(optimal),
        "objective": options.objective,
        "objective_value": objective_value,
        "total_cost": total_cost,
        "fixed_cost": float(fixed.sum()),
        "total_co2e_kg": total_co2,
        "transport_cost": float((x * model.transport_cost).sum()),
        "transport_co2e_kg": float((x * model.transport_co2).sum()),
        "trips": float((x * model.trips[:, None]).sum()),
        "tonne_km": float((x * model.km).sum()),
        "energy_mwh": float(energy.sum()),
        "co2e_avoided_kg": float(avoided.sum()),
        "flows": flows,
        "plants": plants,
        "municipalities": sorted(municipalities.values(), key=lambda r: r["municipality"]),
    }


def optimise(points, plants, options: Options | None = None, km=None) -> dict:
    options = options or Options()
    return solve(build(points, plants, options, km), options)


def pareto_front(points, plants, options: Options | None = None, km=None, steps=6) -> list[dict]:
    """ε-constraint: minimise cost with CO2e ≤ ε between the cost optimum's and the CO2e optimum's CO2e."""
    options = options or Options()
    model = build(points, plants, options, km)
    by_cost = solve(model, _replace(options, objective="cost"))
    by_co2 = solve(model, _replace(options, objective="co2"))
    hi, lo = by_cost["total_co2e_kg"], by_co2["total_co2e_kg"]
    front = []
    for eps in np.linspace(hi, lo, max(steps, 2)):
        # A hair of slack so the end points stay feasible after rounding.
        capped = _replace(options, objective="cost", co2_cap_kg=float(eps) + 1e-6 * max(1.0, abs(eps)))
        try:
            res = solve(model, capped)
        except AllocationError:
            continue
        point = {"co2e_kg": res["total_co2e_kg"], "cost": res["total_cost"], "epsilon_kg": float(eps)}
        if (
            not front
            or abs(front[-1]["co2e_kg"] - point["co2e_kg"]) > 1e-6
            or abs(front[-1]["cost"] - point["cost"]) > 1e-6
        ):
            front.append(point)
    return front


def _replace(options, **changes):
    from dataclasses import replace

    return replace(options, **changes)
