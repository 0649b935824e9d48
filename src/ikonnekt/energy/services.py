"""Figures from stored data: meter consumption per month, building balances per year, alerts.

Web-free glue between the models and the plain domain functions in ``energy.domain``.
"""

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from ikonnekt.energy import loader
from ikonnekt.energy.domain import balance, conversion, degree_days
from ikonnekt.energy.domain.consumption import Exchange, effective_series, monthly, typical_daily_rate
from ikonnekt.energy.models import (
    HEAT_CARRIERS,
    Carrier,
    IntervalReading,
    Meter,
    MeterKind,
    ReferenceValue,
    WeatherMethod,
)
from ikonnekt.reference import climate

BERLIN = ZoneInfo("Europe/Berlin")
FORMULA_TOKEN = re.compile(r"\s*([+-])?\s*([^\s+-]+)")


def parse_formula(formula: str):
    """'Z1 - Z2 + Z3' → [(+1, 'Z1'), (-1, 'Z2'), (+1, 'Z3')]"""
    terms = []
    pos = 0
    text = formula.replace("−", "-").strip()
    while pos < len(text):
        m = FORMULA_TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ValueError(text[pos:])
        sign, number = m.groups()
        if sign is None and terms:
            raise ValueError(text[pos:])
        terms.append((-1 if sign == "-" else 1, number))
        pos = m.end()
    if not terms:
        raise ValueError(formula)
    return terms


def kwh_per_unit(meter) -> float:
    return conversion.unit_factor(
        meter.unit, meter.conversion_factor, meter.state_number, meter.calorific_value
    )


def meter_series(meter):
    """The meter's effective series; built once per meter when its readings are preloaded."""
    series = getattr(meter, "_loaded_series", None)
    if series is not None:
        return series
    readings = loader.loaded_readings(meter)  # preloaded for a page of buildings (energy.loader)
    preloaded = readings is not None
    if not preloaded:
        readings = list(meter.readings.order_by("timestamp").values_list("timestamp", "value"))
    exchanges = loader.loaded_exchanges(meter)
    if exchanges is None:
        exchanges = [
            Exchange(e.timestamp, e.old_final_reading, e.new_initial_reading) for e in meter.exchanges.all()
        ]
    series = effective_series(readings, exchanges, meter.digits)
    if preloaded:
        meter._loaded_series = series
    return series


def _interval_monthly(meter, year):
    """Monthly sums by local (Europe/Berlin) month: the month starts are converted to UTC here,
    so the database sums twelve index-friendly ranges in one query (no per-row time-zone
    function, which SQLite would run in Python)."""
    loaded = loader.loaded_interval_months(meter, year)
    if loaded is not None:
        return loaded
    bounds = [dt.datetime(year + (m - 1) // 12, (m - 1) % 12 + 1, 1, tzinfo=BERLIN) for m in range(1, 14)]
    aggregates = {
        f"m{i}": Sum("value", filter=Q(start__gte=bounds[i], start__lt=bounds[i + 1])) for i in range(12)
    }
    row = IntervalReading.objects.filter(meter=meter, start__gte=bounds[0], start__lt=bounds[12]).aggregate(
        **aggregates
    )
    return [row[f"m{i}"] for i in range(12)]


def meter_monthly_units(meter, year, _depth=0):
    """Twelve monthly values in kWh on the meter's calorific basis (None = no data)."""
    memo = loader.loaded_monthly(meter)  # a page's bulk load keeps each meter's year once
    if memo is not None:
        if year not in memo:
            memo[year] = _meter_monthly_units(meter, year, _depth)
        return list(memo[year])
    return _meter_monthly_units(meter, year, _depth)


def _meter_monthly_units(meter, year, _depth):
    if meter.kind == MeterKind.VIRTUAL:
        if _depth > 3:
            return [None] * 12
        siblings = {m.number: m for m in meter.building.meters.all()}
        total = [0.0] * 12
        for sign, number in parse_formula(meter.formula):
            other = siblings.get(number)
            if other is None or other.pk == meter.pk:
                return [None] * 12
            values = meter_monthly_units(other, year, _depth + 1)
            total = [
                None if t is None or v is None else t + sign * v for t, v in zip(total, values, strict=True)
            ]
        return total
    if meter.kind == MeterKind.INTERVAL:
        return _interval_monthly(meter, year)  # interval values are stored in kWh already
    factor = kwh_per_unit(meter)
    return [None if v is None else v * factor for v in monthly(meter_series(meter), year, BERLIN)]


def to_hi(meter, kwh):
    return None if kwh is None else conversion.to_hi(kwh, meter.carrier, meter.calorific_basis)


def station_degree_days(station, year):
    """G20/15 of ``year`` or None when fewer than 360 days are stored."""
    if station is None:
        return None
    loaded = loader.loaded_degree_days(station, year)
    days, gt = (
        loaded
        if loaded is not None
        else loader.station_temperatures([station], [year])[0].get((station.pk, year), (0, 0.0))
    )
    return gt if days >= 360 else None


def monthly_temperatures(station, year):
    if station is None:
        return [None] * 12
    loaded = loader.loaded_month_means(station, year)
    return (
        loaded
        if loaded is not None
        else loader.station_temperatures([station], [], [year])[1][(station.pk, year)]
    )


def tariffs_of(meter):
    """The meter's tariffs as plain :class:`balance.Tariff` (loaded by the page's bulk load or
    prefetched ``meter.tariffs``)."""
    loaded = loader.loaded_tariffs(meter)
    if loaded is not None:
        return loaded
    return [
        balance.Tariff(t.valid_from, t.valid_to, float(t.energy_price), float(t.base_price))
        for t in meter.tariffs.all()
    ]


def _reference_values():
    return {(r.use_type, r.kind): r for r in ReferenceValue.objects.all()}


def normalise_heat(building, year, heat):
    """(weather-normalised heat or None, how: method, station or postcode factor, problem text).

    Degree days G20/15 of the building's station (VDI 3807-1), or the DWD climate factor of its
    postcode for the calendar year (federal rules for non-residential buildings); both scale only
    the space-heating share. The climate-factor lookup runs only for buildings that chose it."""
    share = float(building.heating_share)
    if building.weather_method == WeatherMethod.CLIMATE_FACTOR:
        postcode = building.postcode or postcode_from_address(building.address)
        preloaded, kf = loader.loaded_climate_factor(building, year)  # a page's bulk load: one query
        if not preloaded:
            kf = climate.factor_for_year(postcode, year)
        how = {"method": WeatherMethod.CLIMATE_FACTOR, "postcode": postcode, "climate_factor": kf}
        if kf is None:
            how["problem"] = _(
                "No DWD climate factor for postcode %(postcode)s and %(year)s: heat is not normalised."
            ) % {"postcode": postcode or "–", "year": year}
            return None, how
        how["factor"] = kf.factor
        return (degree_days.normalise_with_factor(heat, share, kf.factor) if heat else None), how
    gt_year = station_degree_days(building.station, year)
    long_term = building.station.long_term_degree_days if building.station else None
    how = {
        "method": WeatherMethod.DEGREE_DAYS,
        "station": building.station,
        "degree_days": gt_year,
        "long_term_degree_days": long_term,
    }
    if not gt_year or not heat:
        how["problem"] = _("No complete temperature year at the weather station: heat is not normalised.")
        return None, how
    how["factor"] = degree_days.climate_factor(long_term, gt_year)
    return degree_days.normalise(heat, share, long_term, gt_year), how


def measure_savings_eur(measure, year_data, verified=None) -> dict:
    """€/a of a measure's expected and verified savings at the working price of the measure's own
    carrier in this building (from its tariffs, per kWh Hi); None where there is no price."""
    price = year_data["carrier_prices"].get(measure.carrier)
    expected = float(measure.expected_savings_kwh) if measure.expected_savings_kwh is not None else None
    return {
        "price": price,
        "expected": expected * price if price is not None and expected is not None else None,
        "verified": verified["kwh"] * price if price is not None and verified else None,
    }


def postcode_from_address(address: str) -> str:
    """The five-digit German postcode in an address line, or ''."""
    match = re.search(r"\b(\d{5})\b", address or "")
    return match.group(1) if match else ""


def _main_meters(building, year, *, priced=True):
    """The year of each active main meter for heat or electricity (sub-meters are counted by
    their main meter, virtual meters are derived), with its tariffs if ``priced``."""
    return [
        balance.MeterYear(
            m.number,
            m.carrier,
            m.calorific_basis,
            meter_monthly_units(m, year),
            tariffs_of(m) if priced else [],
        )
        for m in building.meters.all()
        if m.parent_id is None
        and m.kind != MeterKind.VIRTUAL
        and m.active
        and (m.carrier in HEAT_CARRIERS or m.carrier == Carrier.ELECTRICITY)
    ]


def building_consumption(building, year) -> dict:
    """Heat (measured, weather-normalised) and electricity of a year as in :func:`building_year`,
    without costs and comparison (the trend of the annual report)."""
    totals = balance.meter_totals(_main_meters(building, year, priced=False), year)
    heat_normalised, _how = normalise_heat(building, year, totals["heat"])
    return {"heat": totals["heat"], "heat_normalised": heat_normalised, "electricity": totals["electricity"]}


def building_year(building, year, factors: dict, references=None):
    """Balance of one building and year (kWh on the Hi basis), by :mod:`energy.domain.balance`.

    Sub-meters are not added (their main meter already counts them); virtual meters neither.
    """
    references = references if references is not None else _reference_values()
    totals = balance.meter_totals(_main_meters(building, year), year)
    heat, electricity, carriers = totals["heat"], totals["electricity"], totals["carriers"]
    heat_norm, weather = normalise_heat(building, year, heat)
    gt_year, long_term = weather.get("degree_days"), weather.get("long_term_degree_days")
    co2 = balance.emissions(carriers, factors)
    ref_heat = references.get((building.use_type, "heat"))
    ref_el = references.get((building.use_type, "electricity"))
    compared = balance.comparison(
        totals,
        heat_norm,
        building.reference_area,
        building.area_kind,
        ref_heat,
        ref_el,
        co2["heat_factor"],
        factors.get(Carrier.ELECTRICITY),
    )
    area, area_problem = compared["area"], compared["area_problem"]
    problems = []
    if not area:
        problems.append(_("No reference area: key figures cannot be calculated."))
    if not building.use_type:
        problems.append(_("No use type: no reference values to compare with."))
    elif area and not ref_heat and not ref_el and not area_problem:
        problems.append(
            _("There is no comparison value for the use type “%(use)s”: no comparison.")
            % {"use": building.get_use_type_display()}
        )
    if heat and heat_norm is None:
        problems.append(weather["problem"])
    if area_problem == "unknown":
        problems.append(
            _(
                "The floor-area basis of the reference area (NGF or BGF) is unknown: no comparison with the "
                "comparison values (they refer to m² NGF; the federal rules convert only from a known BGF)."
            )
        )
    elif area_problem == "different":
        problems.append(
            _(
                "The reference area is %(building)s, the reference values refer to %(reference)s: no comparison "
                "(the federal rules give a conversion only from BGF to NGF)."
            )
            % {"building": building.area_kind.upper(), "reference": compared["reference_basis"].upper()}
        )
    if co2["missing_factors"]:
        problems.append(_("Emission factor missing for: %(c)s") % {"c": ", ".join(co2["missing_factors"])})
    if totals["costs"] is None:
        problems.append(_("Costs incomplete: a meter has no tariff for part of the year."))
    return {
        "building": building,
        "year": year,
        "carriers": carriers,
        "heat": heat,
        "heat_normalised": heat_norm,
        "electricity": electricity,
        "degree_days": gt_year,
        "long_term_degree_days": long_term,
        "weather": weather,
        "costs": totals["costs"],
        "price_heat": totals["price_heat"],
        "price_electricity": totals["price_electricity"],
        "carrier_prices": totals["carrier_prices"],
        "heat_factor": co2["heat_factor"],
        "co2_t": co2["co2_t"],
        "specific_heat": compared["specific_heat"],
        "specific_electricity": compared["specific_electricity"],
        "bench_heat": compared["bench_heat"],
        "bench_electricity": compared["bench_electricity"],
        "reference_heat": ref_heat if compared["compared_heat"] else None,
        "reference_electricity": ref_el if compared["compared_electricity"] else None,
        "area_compared": compared["area_compared"],
        "area_converted": compared["area_converted"],
        "months_heat": totals["months_heat"],
        "months_electricity": totals["months_electricity"],
        "coverage": totals["coverage"],
        "problems": problems,
    }


def signature_points(building, years):
    """Monthly (mean temperature, heat kWh per day) points of a building's heat meters."""
    points = []
    heat_meters = [
        m
        for m in building.meters.all()
        if not m.parent_id and m.kind != MeterKind.VIRTUAL and m.carrier in HEAT_CARRIERS
    ]
    for year in years:
        totals = [None] * 12
        for meter in heat_meters:
            for i, v in enumerate(meter_monthly_units(meter, year)):
                if v is not None:
                    totals[i] = (totals[i] or 0.0) + to_hi(meter, v)
        points += balance.signature_points(year, totals, monthly_temperatures(building.station, year))
    return points


def interval_samples(meter, start, end):
    """[(local datetime, kW)] of an interval meter between two aware datetimes."""
    rows = IntervalReading.objects.filter(meter=meter, start__gte=start, start__lt=end).values_list(
        "start", "value", "minutes"
    )
    return [(s.astimezone(BERLIN), v * 60 / m) for s, v, m in rows]


def typical_rate(meter):
    return typical_daily_rate(meter_series(meter))


__all__ = ["Meter", "building_year", "meter_monthly_units", "parse_formula"]
