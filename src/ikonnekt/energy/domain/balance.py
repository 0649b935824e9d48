"""Yearly energy balance of one building from plain data (no database, no web).

Input: the twelve monthly values of each main meter (kWh on the meter's calorific basis, None
where not covered), its carrier, calorific basis and tariffs; the emission factors (g CO2e per
kWh Hi by carrier); the building's reference area and the reference values of its use type.
Output: consumption per carrier and month on the net calorific value (Hi), costs, prices per
kWh, CO2e and the comparison with the reference values (VDI 3807 / federal rules for
non-residential buildings). Weather normalisation is an input (``heat_normalised``): it needs
the degree days of a station or the climate factor of a postcode, looked up by the caller.

The bulk loader (:mod:`ikonnekt.energy.loader`) fetches the data of a whole page at once;
:func:`ikonnekt.energy.services.building_year` feeds it through these functions.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ikonnekt.energy.domain import conversion, keyfigures
from ikonnekt.reference.carriers import HEAT_CARRIERS

ELECTRICITY = "electricity"


@dataclass(frozen=True)
class Tariff:
    valid_from: dt.date
    valid_to: dt.date | None
    energy_price: float  # ct per kWh (on the meter's calorific basis)
    base_price: float  # € per year


@dataclass(frozen=True)
class MeterYear:
    """One main meter's year: ``monthly`` = twelve kWh values on ``basis`` ("hs"/"hi") or None."""

    number: str
    carrier: str
    basis: str
    monthly: list
    tariffs: list = field(default_factory=list)


@dataclass(frozen=True)
class Reference:
    """Reference value of a use type for heat or electricity (kWh/m²a on ``area_kind``)."""

    guide_value: float
    limit_value: float
    size_scaled_part: float | None
    area_kind: str


def tariff_cost(tariffs, monthly_kwh, year, with_base=True):
    """Costs (€) from the tariff valid on the 15th of each month with consumption; None if such a
    month has no tariff (or there are no tariffs). ``with_base=False``: the energy (working) price
    only, which is what a saved kWh saves."""
    if not tariffs:
        return None
    total = 0.0
    for month, kwh in enumerate(monthly_kwh, start=1):
        if kwh is None:
            continue
        mid = dt.date(year, month, 15)
        tariff = next(
            (t for t in tariffs if t.valid_from <= mid and (t.valid_to is None or mid <= t.valid_to)), None
        )
        if tariff is None:
            return None
        total += kwh * tariff.energy_price / 100 + (tariff.base_price / 12 if with_base else 0)
    return total


def meter_totals(meters, year) -> dict:
    """Consumption (kWh Hi) per carrier and per month (heat, electricity), costs and working
    costs of the main meters of a building. Carriers other than heat and electricity are left out."""
    carriers = defaultdict(float)
    costs = 0.0
    costs_complete = True
    # energy (working) costs per carrier group: savings are priced per carrier, never blended
    working_cost = {"heat": 0.0, "electricity": 0.0}
    working_complete = {"heat": True, "electricity": True}
    carrier_cost = defaultdict(float)
    carrier_complete = defaultdict(lambda: True)
    months_heat = [0.0] * 12
    months_el = [0.0] * 12
    coverage = {}
    for meter in meters:
        heat = meter.carrier in HEAT_CARRIERS
        if not heat and meter.carrier != ELECTRICITY:
            continue
        values = meter.monthly
        coverage[meter.number] = sum(v is not None for v in values)
        carriers[meter.carrier] += conversion.to_hi(
            sum(v for v in values if v is not None), meter.carrier, meter.basis
        )
        target = months_heat if heat else months_el
        for i, v in enumerate(values):
            if v is not None:
                target[i] += conversion.to_hi(v, meter.carrier, meter.basis)
        cost = tariff_cost(meter.tariffs, values, year)
        if cost is None:
            costs_complete = False
        else:
            costs += cost
        group = "heat" if heat else "electricity"
        working = tariff_cost(meter.tariffs, values, year, with_base=False)
        if working is None:
            working_complete[group] = False
            carrier_complete[meter.carrier] = False
        else:
            working_cost[group] += working
            carrier_cost[meter.carrier] += working
    heat_total = sum(v for c, v in carriers.items() if c in HEAT_CARRIERS)
    electricity = carriers.get(ELECTRICITY, 0.0)
    return {
        "carriers": dict(carriers),
        "heat": heat_total,
        "electricity": electricity,
        "costs": costs if costs_complete else None,
        "price_heat": keyfigures.carrier_price(working_cost["heat"], heat_total, working_complete["heat"]),
        "price_electricity": keyfigures.carrier_price(
            working_cost["electricity"], electricity, working_complete["electricity"]
        ),
        "carrier_prices": {
            c: keyfigures.carrier_price(carrier_cost[c], kwh, carrier_complete[c])
            for c, kwh in carriers.items()
        },
        "months_heat": months_heat,
        "months_electricity": months_el,
        "coverage": coverage,
    }


def emissions(carriers: dict, factors: dict) -> dict:
    """CO2e (t) of the carriers, the mean factor of the heat carriers (g/kWh Hi, None without
    heat) and the carriers without a factor (counted as 0)."""
    heat = sum(v for c, v in carriers.items() if c in HEAT_CARRIERS)
    return {
        "co2_t": sum(keyfigures.emissions_t(v, factors.get(c, 0.0)) for c, v in carriers.items()),
        "heat_factor": (
            sum(factors.get(c, 0.0) * v for c, v in carriers.items() if c in HEAT_CARRIERS) / heat
            if heat
            else None
        ),
        "missing_factors": [c for c in carriers if c not in factors],
    }


def comparison(
    totals: dict,
    heat_normalised,
    area,
    area_kind: str,
    ref_heat: Reference | None,
    ref_el: Reference | None,
    heat_factor,
    electricity_factor,
) -> dict:
    """Specific consumption and the comparison with the reference values.

    The areas must be on the same basis: a building's BGF is converted to NGF (federal rules),
    anything else unknown or different refuses the comparison (``area_problem``)."""
    area = float(area) if area else None
    electricity = totals["electricity"]
    area_problem = None
    area_compared = None  # the area on the table's basis (NGF), after the conversion of the rules
    reference_basis = ""
    if area and (ref_heat or ref_el):
        reference_basis = (ref_heat or ref_el).area_kind
        area_problem = keyfigures.area_basis_mismatch(area_kind, reference_basis)
        if area_problem:
            ref_heat = ref_el = None  # refuse the comparison rather than compare unlike areas
        else:
            area_compared = keyfigures.comparison_area(area, area_kind, reference_basis)
    comparison_heat = (
        keyfigures.comparison_value(ref_heat.guide_value, ref_heat.size_scaled_part, area_compared)
        if ref_heat and area_compared
        else None
    )
    bench_heat = (
        keyfigures.benchmark(
            heat_normalised,
            area_compared,
            comparison_heat,
            ref_heat.limit_value,
            totals["price_heat"],
            heat_factor,
        )
        if ref_heat and heat_normalised is not None and area_compared
        else None
    )
    bench_el = (
        keyfigures.benchmark(
            electricity,
            area_compared,
            ref_el.guide_value,
            ref_el.limit_value,
            totals["price_electricity"],
            electricity_factor,
        )
        if ref_el and electricity and area_compared
        else None
    )
    return {
        "area": area,
        "area_problem": area_problem,
        "reference_basis": reference_basis,
        "compared_heat": bool(ref_heat),
        "compared_electricity": bool(ref_el),
        "specific_heat": bench_heat.specific if bench_heat else keyfigures.specific(heat_normalised, area),
        "specific_electricity": bench_el.specific
        if bench_el
        else keyfigures.specific(electricity or None, area),
        "bench_heat": bench_heat,
        "bench_electricity": bench_el,
        "area_compared": area_compared,
        "area_converted": bool(area_compared) and area_kind != reference_basis,
    }


def signature_points(year, monthly_heat_hi, temperatures) -> list:
    """Energy-signature points of one year: (mean temperature, kWh Hi per day) of each month with
    both a heat value (``monthly_heat_hi``: twelve values, None = no meter covered it) and a
    mean temperature."""
    points = []
    for i in range(12):
        if monthly_heat_hi[i] is not None and temperatures[i] is not None:
            days = (dt.date(year + (i + 1) // 12, (i + 1) % 12 + 1, 1) - dt.date(year, i + 1, 1)).days
            points.append(
                {"year": year, "month": i + 1, "t": temperatures[i], "kwh_per_day": monthly_heat_hi[i] / days}
            )
    return points
