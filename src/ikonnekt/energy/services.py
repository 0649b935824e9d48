"""Figures from stored data: meter consumption per month, building balances per year, alerts.

Web-free glue between the models and the plain domain functions in ``energy.domain``.
"""

import datetime as dt
import re
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.db.models import Avg, Q, Sum
from django.utils.translation import gettext as _

from ikonnekt.energy import loader
from ikonnekt.energy.domain import conversion, degree_days, keyfigures
from ikonnekt.energy.domain.consumption import Exchange, effective_series, monthly, typical_daily_rate
from ikonnekt.energy.models import (
    HEAT_CARRIERS,
    Carrier,
    DailyTemperature,
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
    loaded = loader.loaded_temperatures(station, year)
    temps = (
        [t for _date, t in loaded]
        if loaded is not None
        else list(
            DailyTemperature.objects.filter(station=station, date__year=year).values_list(
                "mean_temperature", flat=True
            )
        )
    )
    if len(temps) < 360:
        return None
    return degree_days.degree_days(temps)


def monthly_temperatures(station, year):
    if station is None:
        return [None] * 12
    loaded = loader.loaded_temperatures(station, year)
    if loaded is not None:
        by_month = defaultdict(list)
        for date, t in loaded:
            by_month[date.month].append(t)
        return [sum(by_month[m]) / len(by_month[m]) if by_month[m] else None for m in range(1, 13)]
    rows = (
        DailyTemperature.objects.filter(station=station, date__year=year)
        .values("date__month")
        .annotate(t=Avg("mean_temperature"))
    )
    out = [None] * 12
    for r in rows:
        out[r["date__month"] - 1] = r["t"]
    return out


def tariff_cost(meter, monthly_kwh_basis, year, with_base=True):
    """Costs (€) from the tariffs valid mid-month; None if a month with consumption has no tariff.
    ``with_base=False``: the energy (working) price only, which is what a saved kWh saves."""
    tariffs = list(meter.tariffs.all())
    if not tariffs:
        return None
    total = 0.0
    for month, kwh in enumerate(monthly_kwh_basis, start=1):
        if kwh is None:
            continue
        mid = dt.date(year, month, 15)
        tariff = next(
            (t for t in tariffs if t.valid_from <= mid and (t.valid_to is None or mid <= t.valid_to)), None
        )
        if tariff is None:
            return None
        total += kwh * float(tariff.energy_price) / 100 + (float(tariff.base_price) / 12 if with_base else 0)
    return total


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


def building_year(building, year, factors: dict, references=None):
    """Balance of one building and year (kWh on the Hi basis).

    Sub-meters are not added (their main meter already counts them); virtual meters neither.
    """
    references = references if references is not None else _reference_values()
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
    meters = [
        m for m in building.meters.all() if m.parent_id is None and m.kind != MeterKind.VIRTUAL and m.active
    ]
    for meter in meters:
        if meter.carrier not in HEAT_CARRIERS and meter.carrier != Carrier.ELECTRICITY:
            continue
        values = meter_monthly_units(meter, year)
        covered = sum(v is not None for v in values)
        coverage[meter.number] = covered
        kwh_basis = sum(v for v in values if v is not None)
        kwh = to_hi(meter, kwh_basis)
        carriers[meter.carrier] += kwh
        target = months_heat if meter.carrier in HEAT_CARRIERS else months_el
        for i, v in enumerate(values):
            if v is not None:
                target[i] += to_hi(meter, v)
        cost = tariff_cost(meter, values, year)
        if cost is None:
            costs_complete = False
        else:
            costs += cost
        group = "heat" if meter.carrier in HEAT_CARRIERS else "electricity"
        working = tariff_cost(meter, values, year, with_base=False)
        if working is None:
            working_complete[group] = False
            carrier_complete[meter.carrier] = False
        else:
            working_cost[group] += working
            carrier_cost[meter.carrier] += working
    heat = sum(v for c, v in carriers.items() if c in HEAT_CARRIERS)
    electricity = carriers.get(Carrier.ELECTRICITY, 0.0)
    heat_norm, weather = normalise_heat(building, year, heat)
    gt_year, long_term = weather.get("degree_days"), weather.get("long_term_degree_days")
    co2 = sum(keyfigures.emissions_t(v, factors.get(c, 0.0)) for c, v in carriers.items())
    missing_factors = [c for c in carriers if c not in factors]
    area = float(building.reference_area) if building.reference_area else None
    ref_heat = references.get((building.use_type, "heat"))
    ref_el = references.get((building.use_type, "electricity"))
    price_heat = keyfigures.carrier_price(working_cost["heat"], heat, working_complete["heat"])
    price_electricity = keyfigures.carrier_price(
        working_cost["electricity"], electricity, working_complete["electricity"]
    )
    heat_factor = (
        sum(factors.get(c, 0.0) * v for c, v in carriers.items() if c in HEAT_CARRIERS) / heat
        if heat
        else None
    )
    area_problem = None
    area_compared = None  # the area on the table's basis (NGF), after the conversion of the rules
    reference_basis = ""
    if area and (ref_heat or ref_el):
        reference_basis = (ref_heat or ref_el).area_kind
        area_problem = keyfigures.area_basis_mismatch(building.area_kind, reference_basis)
        if area_problem:
            ref_heat = ref_el = None  # refuse the comparison rather than compare unlike areas
        else:
            area_compared = keyfigures.comparison_area(area, building.area_kind, reference_basis)
    comparison_heat = (
        keyfigures.comparison_value(ref_heat.guide_value, ref_heat.size_scaled_part, area_compared)
        if ref_heat and area_compared
        else None
    )
    bench_heat = (
        keyfigures.benchmark(
            heat_norm, area_compared, comparison_heat, ref_heat.limit_value, price_heat, heat_factor
        )
        if ref_heat and heat_norm is not None and area_compared
        else None
    )
    bench_el = (
        keyfigures.benchmark(
            electricity,
            area_compared,
            ref_el.guide_value,
            ref_el.limit_value,
            price_electricity,
            factors.get(Carrier.ELECTRICITY),
        )
        if ref_el and electricity and area_compared
        else None
    )
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
            % {"building": building.area_kind.upper(), "reference": reference_basis.upper()}
        )
    if missing_factors:
        problems.append(_("Emission factor missing for: %(c)s") % {"c": ", ".join(missing_factors)})
    if not costs_complete:
        problems.append(_("Costs incomplete: a meter has no tariff for part of the year."))
    return {
        "building": building,
        "year": year,
        "carriers": dict(carriers),
        "heat": heat,
        "heat_normalised": heat_norm,
        "electricity": electricity,
        "degree_days": gt_year,
        "long_term_degree_days": long_term,
        "weather": weather,
        "costs": costs if costs_complete else None,
        "price_heat": price_heat,
        "price_electricity": price_electricity,
        "carrier_prices": {
            c: keyfigures.carrier_price(carrier_cost[c], kwh, carrier_complete[c])
            for c, kwh in carriers.items()
        },
        "heat_factor": heat_factor,
        "co2_t": co2,
        "specific_heat": bench_heat.specific if bench_heat else keyfigures.specific(heat_norm, area),
        "specific_electricity": bench_el.specific
        if bench_el
        else keyfigures.specific(electricity or None, area),
        "bench_heat": bench_heat,
        "bench_electricity": bench_el,
        "reference_heat": ref_heat,
        "reference_electricity": ref_el,
        "area_compared": area_compared,
        "area_converted": bool(area_compared) and building.area_kind != reference_basis,
        "months_heat": months_heat,
        "months_electricity": months_el,
        "coverage": coverage,
        "problems": problems,
    }


def signature_points(building, years):
    """Monthly (mean temperature, heat kWh per day) points of a building's heat meters."""
    points = []
    for year in years:
        temps = monthly_temperatures(building.station, year)
        totals = [0.0] * 12
        seen = [False] * 12
        for meter in building.meters.all():
            if meter.parent_id or meter.kind == MeterKind.VIRTUAL or meter.carrier not in HEAT_CARRIERS:
                continue
            for i, v in enumerate(meter_monthly_units(meter, year)):
                if v is not None:
                    totals[i] += to_hi(meter, v)
                    seen[i] = True
        for i in range(12):
            if seen[i] and temps[i] is not None:
                days = (dt.date(year + (i + 1) // 12, (i + 1) % 12 + 1, 1) - dt.date(year, i + 1, 1)).days
                points.append({"year": year, "month": i + 1, "t": temps[i], "kwh_per_day": totals[i] / days})
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
