"""Demand vs potential of building land, commercial pool key and the land-take target path.

Plain arithmetic with documented defaults (docs/planning.md lists them with sources); every
parameter can be overridden on the page.
"""

from dataclasses import asdict, dataclass, field

# --- housing-land demand ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HousingAssumptions:
    """Defaults for a rural municipality in Saarland (sources in docs/planning.md)."""

    years: int = 15  # planning horizon (Regionalplan/FNP horizon 15 years)
    population_change_pct: float = -4.0  # change of inhabitants over the horizon (Saarland forecast)
    household_size_now: float = 2.1  # persons per household (Mikrozensus Saarland ≈ 2.0–2.1)
    household_size_future: float = 1.95  # persons per household at the end of the horizon
    replacement_rate_pct: float = 0.2  # dwellings replaced per year (% of stock)
    dwellings_per_ha: float = 20.0  # net density, single/semi-detached houses (LEP Saarland: 20 WE/ha rural)


# Share of a potential expected to be mobilised within the horizon, by owner answer.
MOBILISATION = {
    "sell": 1.0,
    "build": 1.0,
    "conditional": 0.5,
    "none": 0.3,  # no answer / not asked yet: empirical activation rate of inner potentials
    "not": 0.0,
}


@dataclass(frozen=True)
class HousingDemand:
    inhabitants: int
    inhabitants_future: float
    households_now: float
    households_future: float
    new_households: float
    replacement_dwellings: float
    dwellings: float
    hectares: float


def housing_demand(inhabitants: int, a: HousingAssumptions = HousingAssumptions()) -> HousingDemand:
    """Demand = additional households + replacement of the stock, as land at the assumed density.

    households_now = P / hh_now, households_future = P·(1+Δ) / hh_future;
    replacement = households_now · rate · years; dwellings = max(0, new households) + replacement;
    hectares = dwellings / density.
    """
    future = inhabitants * (1 + a.population_change_pct / 100)
    h_now = inhabitants / a.household_size_now
    h_future = future / a.household_size_future
    new = h_future - h_now
    replacement = h_now * a.replacement_rate_pct / 100 * a.years
    dwellings = max(0.0, new) + replacement
    return HousingDemand(
        inhabitants, future, h_now, h_future, new, replacement, dwellings, dwellings / a.dwellings_per_ha
    )


@dataclass
class Potential:
    gross_ha: float = 0.0
    mobilisable_ha: float = 0.0
    by_category: dict = field(default_factory=dict)
    sites: int = 0


def potential(sites) -> Potential:
    """``sites``: iterables of ``(category, area_m2, answer)``; the site's answer (see
    :func:`best_answer`) weighs each site by ``MOBILISATION``."""
    result = Potential()
    for category, area_m2, answer in sites:
        ha = area_m2 / 10000
        factor = MOBILISATION.get(answer or "none", MOBILISATION["none"])
        result.gross_ha += ha
        result.mobilisable_ha += ha * factor
        result.by_category[category] = result.by_category.get(category, 0.0) + ha
        result.sites += 1
    return result


def best_answer(answers) -> str:
    """The answer that decides a site with several owners: the least willing one, since all
    owners must agree (``none`` without owners)."""
    order = ["sell", "build", "conditional", "none", "not"]
    answers = [a for a in answers if a in order]
    if not answers:
        return "none"
    # Several owners: the site is only mobilisable if all are willing; take the least willing.
    return max(answers, key=order.index)


@dataclass(frozen=True)
class Balance:
    demand_ha: float
    mobilisable_ha: float
    gross_ha: float
    surplus_ha: float  # mobilisable − demand (negative: external development would be needed)
    coverage_pct: float | None


def balance(demand_ha: float, pot: Potential) -> Balance:
    coverage = pot.mobilisable_ha / demand_ha * 100 if demand_ha > 0 else None
    return Balance(demand_ha, pot.mobilisable_ha, pot.gross_ha, pot.mobilisable_ha - demand_ha, coverage)


# --- commercial land ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CommercialAssumptions:
    years: int = 15
    ha_per_year_per_1000_inhabitants: float = 0.1  # GIFPRO-style trend demand, rural district


def commercial_demand(inhabitants: int, a: CommercialAssumptions = CommercialAssumptions()) -> float:
    return inhabitants / 1000 * a.ha_per_year_per_1000_inhabitants * a.years


def pool_shares(contributions: dict) -> dict:
    """Inter-municipal commercial pool key: each member's share of costs and tax revenue equals its
    share of the area brought into the pool (the usual key of Gewerbeflächenpools)."""
    total = sum(contributions.values())
    if total <= 0:
        return {k: 0.0 for k in contributions}
    return {k: v / total for k, v in contributions.items()}


# --- land-take target path -------------------------------------------------------------------


@dataclass(frozen=True)
class LandTakeTarget:
    national_ha_per_day: float = 30.0  # Deutsche Nachhaltigkeitsstrategie: < 30 ha/day by 2030
    national_inhabitants: int = 84_669_326  # Destatis, 31.12.2023
    target_year: int = 2030
    start_year: int = 2016
    start_ha_per_day: float = 56.0  # national four-year average 2013–2016 (UBA)
    source: str = (
        "Deutsche Nachhaltigkeitsstrategie (Weiterentwicklung 2021), Indikator 11.1.a; "
        "Destatis Bevölkerungsstand 31.12.2023"
    )

    def as_dict(self):
        return asdict(self)


def municipal_allowance_ha(year: int, inhabitants: int, t: LandTakeTarget = LandTakeTarget()) -> float:
    """Hectares per year a municipality may take in ``year`` on a linear path from the national
    start value to the target, broken down by its share of inhabitants."""
    if year >= t.target_year or t.target_year <= t.start_year:
        per_day = t.national_ha_per_day
    elif year <= t.start_year:
        per_day = t.start_ha_per_day
    else:
        frac = (year - t.start_year) / (t.target_year - t.start_year)
        per_day = t.start_ha_per_day + (t.national_ha_per_day - t.start_ha_per_day) * frac
    return per_day * 365 * inhabitants / t.national_inhabitants
