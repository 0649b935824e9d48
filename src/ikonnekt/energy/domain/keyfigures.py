"""Key figures (Kennwerte) and benchmarking against comparison values by use type.

specific consumption  e = E / A_ref  in kWh/(m²·a)  (heat: weather-normalised, Hi basis)
comparison (NGF)      federal rules for non-residential buildings (Bekanntmachung 15.04.2021):
                      A_NGF = A (NGF) or 0.85 · A_BGF (Nummer 4), no benchmark with an unknown basis;
                      heat: TEK_heating · f(A_NGF) + TEK_hot water, f of Nummer 6.3.1
                      (``reference.nwg_benchmarks``); electricity: the table value
class                 one comparison value (no limit): "good" e ≤ value, "high" e > value;
                      with a guide and a limit value (staff-entered tables): good / medium / high
savings potential     ΔE = max(0, e − e_comparison) · A_NGF   [kWh/a]
                      cost: ΔE · price of the same carrier group, emissions: ΔE · factor (g/kWh) / 10⁶
price per carrier     p = Σ kWh_invoice · energy price / Σ kWh_Hi  [€/kWh Hi], heat and electricity
                      separately; base prices are excluded (a saved kWh does not save them)
"""

from dataclasses import dataclass


@dataclass
class Benchmark:
    specific: float
    guide: float | None
    limit: float | None
    klass: str  # good / medium / high / unknown
    savings_kwh: float
    savings_eur: float | None
    savings_t_co2: float | None


def specific(consumption_kwh, area_m2):
    if not area_m2 or area_m2 <= 0 or consumption_kwh is None:
        return None
    return consumption_kwh / float(area_m2)


def classify(value, guide, limit) -> str:
    if value is None or guide is None:
        return "unknown"
    if value <= guide:
        return "good"
    if limit is None:
        return "high"
    if value <= limit:
        return "medium"
    return "high"


def benchmark(consumption_kwh, area_m2, guide, limit, price_eur_per_kwh=None, factor_g_per_kwh=None):
    e = specific(consumption_kwh, area_m2)
    if e is None:
        return None
    savings = max(0.0, e - guide) * float(area_m2) if guide is not None else 0.0
    return Benchmark(
        specific=e,
        guide=guide,
        limit=limit,
        klass=classify(e, guide, limit),
        savings_kwh=savings,
        savings_eur=savings * price_eur_per_kwh if price_eur_per_kwh is not None else None,
        savings_t_co2=savings * factor_g_per_kwh / 1e6 if factor_g_per_kwh is not None else None,
    )


def area_basis_mismatch(building_basis: str, reference_basis: str) -> str | None:
    """Why a building cannot be compared with a reference value on area grounds, or None.

    "unknown": the building's floor-area basis (NGF/BGF) is not recorded; "different": it differs
    from the basis of the reference table and the rules give no conversion for it. The only
    conversion the federal rules give is BGF → NGF (A_NGF = 0.85 · A_BGF, Nummer 4).
    """
    if not building_basis:
        return "unknown"
    if reference_basis and building_basis != reference_basis:
        if (building_basis, reference_basis) == ("bgf", "ngf"):
            return None
        return "different"
    return None


def comparison_area(area, building_basis, reference_basis):
    """The building's area on the reference table's basis (NGF from BGF × 0.85), or None."""
    from ikonnekt.reference import nwg_benchmarks

    if not area or not building_basis:
        return None
    if building_basis == reference_basis:
        return float(area)
    if (building_basis, reference_basis) == ("bgf", "ngf"):
        return nwg_benchmarks.net_area(float(area), "bgf")
    return None


def comparison_value(table_value, size_scaled_part, area_ngf):
    """Comparison value for one building: table value with its heating part scaled by the size
    factor f(A_NGF) of Nummer 6.3.1: value + part · (f − 1) = part · f + (value − part)."""
    from ikonnekt.reference import nwg_benchmarks

    if not size_scaled_part:
        return table_value
    return table_value + size_scaled_part * (nwg_benchmarks.size_factor(area_ngf) - 1)


def carrier_price(working_cost_eur, kwh_hi, complete=True):
    """€ per kWh (Hi) of one carrier group from its energy (working) costs; None when unknown."""
    if not complete or not kwh_hi:
        return None
    return working_cost_eur / kwh_hi


def emissions_t(kwh, g_per_kwh):
    return kwh * g_per_kwh / 1e6


def cost_eur(kwh, tariffs_in_period):
    """Energy costs for ``kwh`` with ``tariffs_in_period`` = [(share_of_period, ct/kWh, €/a base × share)]."""
    total = 0.0
    for share, ct_per_kwh, base_share in tariffs_in_period:
        total += kwh * share * ct_per_kwh / 100 + base_share
    return total
