"""Quarter concepts: assemble the calculator inputs from a Quarter and compare its variants."""

import datetime as dt
import functools
import hashlib
import html
import io

from django.core.cache import cache
from django.db import connection
from django.db.models import Max, Min
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ikonnekt.core import numformat, tabular
from ikonnekt.core.prepared import Rows
from ikonnekt.energy import explain
from ikonnekt.energy.domain import quarter_calc as qc
from ikonnekt.energy.models import (
    DailyTemperature,
    EmissionFactor,
    EmissionFactorSet,
    Quarter,
    QuarterBuilding,
    Variant,
)
from ikonnekt.reference.factors import factors_of_set

FIELD_LABELS = {
    "price_gas": gettext_noop("gas price"),
    "price_electricity": gettext_noop("electricity price"),
    "price_heat_pump": gettext_noop("heat-pump tariff"),
    "price_wood": gettext_noop("wood chips price"),
    "price_district_heat": gettext_noop("district heat purchase price"),
    "feed_in_tariff": gettext_noop("PV feed-in tariff"),
}


def daily_temperatures(station):
    """The latest complete year of the quarter's station (365 days)."""
    if station is None:
        raise qc.InputError(
            "station", _("Choose a weather station with a complete year of daily temperatures.")
        )
    # The newest year first, read by date range (an index range scan): listing the distinct years
    # with ``dates()`` truncated every stored day of the station in Python (SQLite).
    span = DailyTemperature.objects.filter(station=station).aggregate(first=Min("date"), last=Max("date"))
    if span["last"] is not None:
        for year in range(span["last"].year, span["first"].year - 1, -1):
            temps = list(
                DailyTemperature.objects.filter(
                    station=station, date__range=(dt.date(year, 1, 1), dt.date(year, 12, 31))
                )
                .order_by("date")
                .values_list("mean_temperature", flat=True)
            )
            if len(temps) >= 365:
                return year, temps[:365]
    raise qc.InputError("station", _("The weather station has no complete year of daily temperatures."))


def assumptions(quarter) -> qc.Assumptions:
    fs = quarter.factor_set
    sourced = factors_of_set(fs)
    # the electricity factor of every set of the method, by year (one query)
    path = dict(
        EmissionFactor.objects.filter(factor_set__method=fs.method, carrier="electricity")
        .order_by("-factor_set__year")
        .values_list("factor_set__year", "grams_per_kwh")
    )

    def ct(value):
        return float(value) if value is not None else None

    return qc.Assumptions(
        interest=float(quarter.interest_rate) / 100,
        years=quarter.period_years,
        price_increase=float(quarter.price_increase) / 100,
        investment_price_increase=float(quarter.investment_price_increase) / 100,
        operation_price_increase=float(quarter.operation_price_increase) / 100,
        start_year=dt.date.today().year,
        prices={
            "electricity": ct(quarter.price_electricity),
            "heat_pump": ct(quarter.price_heat_pump),
            "gas": ct(quarter.price_gas),
            "wood": ct(quarter.price_wood),
            "district_heat": ct(quarter.price_district_heat),
            "feed_in": ct(quarter.feed_in_tariff),
        },
        factors={c: f.grams_per_kwh for c, f in sourced.items()},
        factor_set_label=f"{fs.name} {fs.year} ({fs.get_method_display()})",
        factor_sources={c: f.label for c, f in sourced.items()},
        co2_path=qc.parse_path(quarter.co2_price_path),
        electricity_path=path,
    )


def variant_inputs(v) -> dict:
    return {
        f: getattr(v, f)
        for f in (
            "heat_source",
            "efficiency",
            "network_loss",
            "capex",
            "lifetime",
            "maintenance_pct",
            "pv_kwp",
            "pv_capex_per_kwp",
            "battery_kwh",
            "battery_capex_per_kwh",
            "solar_thermal_share",
            "solar_thermal_capex",
            "operation_cost",
            "other_cost",
            "subsidy",
        )
    }


def error_text(exc: qc.InputError) -> str:
    label = FIELD_LABELS.get(exc.field)
    if label:
        return _("Missing input: %(what)s (quarter settings).") % {"what": _(label)}
    return str(exc)


# The building types below a quarter already read through its read rule, the SQL compiled once
# (core.prepared, #18): (id, name, count, area, heat demand, hot-water demand, electricity).
building_types = Rows(
    lambda quarter_id: QuarterBuilding.objects.filter(quarter_id=quarter_id).values_list(
        "pk", "name", "count", "area", "heat_demand", "dhw_demand", "electricity"
    )
)


def compare(quarter, with_sensitivity=True, user=None):
    """{"year", "results": [(variant, result or None, error or None, tornado)], "errors": [...],
    "assumptions", "fuel_links": {variant id: FuelLink}, "breakdown": :func:`breakdown` or None,
    "building_types": :data:`building_types` of the quarter (read once for the page as well)};
    with ``user``, each fuel link says whether the user may see its scenario (``scenario_visible``).

    The calculation (an hourly simulation per variant and per efficiency step of the sensitivity,
    the annuities and their explanations) is stored under a key of everything it is computed from
    (:func:`_fingerprint`): a page whose inputs did not change reads it back instead of computing
    it again; any change of an input gives another key, so it is never stale."""
    from ikonnekt.energy import greenwaste_fuel

    variants = list(quarter.variants.select_related("fuel_scenario"))
    links = greenwaste_fuel.links_of(quarter, variants, user)
    types_rows = building_types(quarter.pk)
    types = [row[2:] for row in types_rows]  # (count, area, heat, hot water, electricity)
    key = f"energy:quarter:{quarter.pk}:{_fingerprint(quarter, types, variants, links, with_sensitivity)}"
    stored = cache.get(key)
    if stored is None:
        stored = _compute(quarter, types, variants, links, with_sensitivity)
        cache.set(key, stored, CACHE_SECONDS)
    by_pk = {v.pk: v for v in variants}
    out = {
        "results": [(by_pk[pk], result, error, tornado) for pk, result, error, tornado in stored["results"]],
        "errors": stored["errors"],
        "year": stored["year"],
        "assumptions": stored["assumptions"],
        "fuel_links": {},
        "breakdown": None,
        "building_types": types_rows,
    }
    for pk, computed in stored["links"].items():
        link = links[pk]
        link.demand_mwh, link.covered_mwh, link.blended_price_ct, link.quarter_price_ct = computed
        out["fuel_links"][pk] = link
    if stored["breakdown"] is not None:
        out["breakdown"] = {
            **stored["breakdown"],
            "variants": [by_pk[pk] for pk in stored["breakdown"]["variants"]],
        }
    return out


CACHE_SECONDS = 7 * 24 * 3600  # changed inputs give another key; old entries just expire
LINK_FIGURES = ("demand_mwh", "covered_mwh", "blended_price_ct", "quarter_price_ct")


def _fingerprint(quarter, types, variants, links, with_sensitivity) -> str:
    """Everything :func:`_compute` reads, as a hash: the language, the year (the start of the
    period), the quarter's and its factor set's fields, the factors of the set and the electricity
    path of its method and the station's daily temperatures (number, first and last day, last id,
    sum and sum weighted by id: an import replaces values of the same day; one query for both), the
    building types, the variants' fields and what their green-waste links took over."""
    fs = quarter.factor_set
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql(), [quarter.station_id, fs.pk, fs.method, "electricity"])
        rows = cursor.fetchall()
    temperatures = rows[0][:6]
    factors = [row[6:] for row in rows if row[6] is not None]
    parts = (
        translation.get_language(),
        with_sensitivity,
        dt.date.today().year,
        [getattr(quarter, f.attname) for f in Quarter._meta.concrete_fields],
        [getattr(fs, f.attname) for f in EmissionFactorSet._meta.concrete_fields],
        factors,
        temperatures,
        types,
        [[getattr(v, f.attname) for f in Variant._meta.concrete_fields] for v in variants],
        [
            (pk, getattr(link.scenario, "pk", None), *(getattr(link, name) for name in _LINK_INPUTS))
            for pk, link in links.items()
        ],
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()


@functools.lru_cache(maxsize=1)
def _fingerprint_sql() -> str:
    """The factors and the temperatures of :func:`_fingerprint` in one query (written once: the
    ORM compiled an aggregate with an expression and a join on every page, #18): one row per
    factor of the set or electricity factor of its method, each with the station's one-row
    aggregate (its six columns; the factor columns are NULL when there is none)."""
    qn = connection.ops.quote_name
    factor, factor_set = qn(EmissionFactor._meta.db_table), qn(EmissionFactorSet._meta.db_table)
    temperature = qn(DailyTemperature._meta.db_table)
    columns = ", ".join(
        f"f.{qn(name)}"
        for name in (
            "id",
            "factor_set_id",
            "year",
            "carrier",
            "grams_per_kwh",
            "source",
            "source_year",
            "approximate",
        )
    )
    # identifiers from the models' meta only; every value is a parameter
    return (
        f"SELECT t.n, t.first, t.last, t.last_id, t.total, t.weighted, {columns} "  # noqa: S608
        f"FROM (SELECT COUNT(*) AS n, MIN({qn('date')}) AS first, MAX({qn('date')}) AS last, "
        f"MAX(id) AS last_id, SUM(mean_temperature) AS total, SUM(mean_temperature * id) AS weighted "
        f"FROM {temperature} WHERE station_id = %s) t "
        f"LEFT JOIN (SELECT e.id, e.factor_set_id, s.year, e.carrier, e.grams_per_kwh, e.source, "
        f"e.source_year, e.approximate FROM {factor} e INNER JOIN {factor_set} s ON s.id = e.factor_set_id "
        f"WHERE e.factor_set_id = %s OR (s.method = %s AND e.carrier = %s)) f ON 1 = 1 "
        f"ORDER BY f.id"
    )


_LINK_INPUTS = (
    "label",
    "problem",
    "plant",
    "available_mwh",
    "cost_per_t",
    "heating_value",
    "price_ct",
    "inputs",
)


def _compute(quarter, types, variants, links, with_sensitivity) -> dict:
    """The calculation of :func:`compare`, with variant ids instead of objects (to be stored);
    ``types``: the building types' (count, area, heat demand, hot-water demand, electricity)."""
    out = {"results": [], "errors": [], "year": None, "assumptions": None, "links": {}, "breakdown": None}
    try:
        year, temps = daily_temperatures(quarter.station)
        demand = qc.build_demand(types, temps)
        a = assumptions(quarter)
    except qc.InputError as exc:
        out["errors"].append(error_text(exc) if exc.field in FIELD_LABELS else str(exc))
        return out
    out["year"] = year
    out["assumptions"] = a
    data = {"results": [], "assumptions": a, "fuel_links": {}}
    for v in variants:
        inputs = variant_inputs(v)
        try:
            flows = {}  # the hourly simulation, shared by the variant and its sensitivity
            result, used = _calculate(v, inputs, demand, a, links.get(v.pk), flows)
            tornado = qc.sensitivity(inputs, demand, used, flows=flows) if with_sensitivity else []
            data["results"].append((v, result, None, tornado))
        except qc.InputError as exc:
            data["results"].append((v, None, error_text(exc), []))
        if v.pk in links:
            data["fuel_links"][v.pk] = links[v.pk]
    out["results"] = [(v.pk, result, error, tornado) for v, result, error, tornado in data["results"]]
    out["links"] = {
        pk: tuple(getattr(link, name) for name in LINK_FIGURES) for pk, link in data["fuel_links"].items()
    }
    if any(result for _v, result, _e, _t in data["results"]):
        parts = breakdown(data)
        out["breakdown"] = {**parts, "variants": [v.pk for v in parts["variants"]]}
    return out


def _calculate(variant, inputs, demand, a, link, flows):
    """One variant; a biomass variant linked to a green-waste scenario (``link``) takes its wood
    price from it."""
    from ikonnekt.energy import greenwaste_fuel

    if link is None:
        return qc.calculate_variant(inputs, demand, a, flows), a
    return greenwaste_fuel.calculate(variant, inputs, demand, a, link, flows)


def breakdown(data) -> dict:
    """The annuity breakdown after VDI 2067-1 per variant, grouped, each line with its computation.

    {"variants": [...], "groups": [(label, [(line label, [€/a per variant], [(variant, how)])],
    [group sum per variant])], "total": ([€/a], [(variant, how)]), "heat_price": (...)}
    (the one :func:`compare` stored with its results, when there is one)"""
    if data.get("breakdown") is not None:
        return data["breakdown"]
    ok = [(v, r) for v, r, e, _t in data["results"] if r]
    a = data["assumptions"]
    groups = []
    for group in qc.GROUPS:
        keys = [k for k in explain.LINE_LABELS if _group_of(k, ok) == group]
        rows = []
        for key in keys:
            lines = [next(x for x in r["lines"] if x["key"] == key) for _v, r in ok]
            if all(abs(x["annuity"]) < 0.005 for x in lines):
                continue
            rows.append(
                (
                    _(explain.LINE_LABELS[key]),
                    [x["annuity"] for x in lines],
                    [(v.name, explain.quarter_line(x, r, a)) for (v, r), x in zip(ok, lines, strict=True)],
                )
            )
        groups.append((_(explain.GROUP_LABELS[group]), rows, [r["group_sums"][group] for _v, r in ok]))
    return {
        "variants": [v for v, _r in ok],
        "groups": groups,
        "total": (
            [r["total_annual_cost"] for _v, r in ok],
            [(v.name, explain.total(r)) for v, r in ok],
        ),
        "heat_price": (
            [r["heat_price_eur_mwh"] for _v, r in ok],
            [(v.name, explain.heat_price(r)) for v, r in ok],
        ),
        "co2": [(v.name, explain.quarter_co2(r, a)) for v, r in ok],
        "fuel": fuel_explanations(data),
    }


def _cells(values, arg, seps, css="text-end n") -> str:
    """The table cells of a row of figures as HTML (``floatformat`` text)."""
    return mark_safe("".join(f'<td class="{css}">{numformat.floatformat(x, arg, seps)}</td>' for x in values))


def _items(how) -> str:
    """[(variant name, explanation)] as the HTML list items of a “How is this computed?”
    (``html.escape``: the text of Django's ``escape`` without its lazy-string wrapper per call)."""
    return mark_safe(
        "".join(
            f"<li><strong>{html.escape(str(name))}:</strong> {html.escape(str(text))}</li>"
            for name, text in how
        )
    )


def breakdown_page(parts) -> dict:
    """``breakdown`` for the page and the PDF (``_annuity_breakdown.html``): the figures formatted
    and every row's cells and explanations as one HTML string (not a template loop per cell).

    groups: [(label, [(line label, cells, list items, [(variant, how)])], sum cells)];
    total / heat_price: (cells, list items, [(variant, how)])."""
    seps = numformat.separators()
    return {
        "variants": parts["variants"],
        "groups": [
            (
                group_label,
                [(label, _cells(values, "0g", seps), _items(how), how) for label, values, how in rows],
                _cells(sums, "0g", seps),
            )
            for group_label, rows, sums in parts["groups"]
        ],
        "total": (_cells(parts["total"][0], "0g", seps), _items(parts["total"][1]), parts["total"][1]),
        "heat_price": (
            _cells(parts["heat_price"][0], "1g", seps),
            _items(parts["heat_price"][1]),
            parts["heat_price"][1],
        ),
        "co2": parts["co2"],
        "co2_items": _items(parts["co2"]),
        "fuel": parts["fuel"],
    }


def comparison_rows(ok) -> list:
    """[(label, cells)] of the side-by-side table: each figure rounded to its digits, as HTML cells."""
    seps = numformat.separators()
    return [
        (
            _(label),
            mark_safe(
                "".join(
                    '<td class="text-end">–</td>'
                    if r[key] is None
                    else f'<td class="text-end">{numformat.floatformat(round(r[key], digits), "-3g", seps)}</td>'
                    for _v, r in ok
                )
            ),
        )
        for key, label, digits in ROWS
    ]


def fuel_explanations(data) -> list:
    """[(variant name, explanation)] of the variants taking their fuel from a green-waste scenario."""
    links = data.get("fuel_links", {})
    return [(v.name, explain.fuel_link(links[v.pk])) for v, _r, _e, _t in data["results"] if v.pk in links]


def _group_of(key, ok):
    for _v, r in ok:
        for line in r["lines"]:
            if line["key"] == key:
                return line["group"]
    return None


ROWS = [
    ("heat_demand_kwh", gettext_noop("Heat demand (kWh/a)"), 0),
    ("fuel_kwh", gettext_noop("Fuel / purchased heat (kWh/a)"), 0),
    ("heat_pump_electricity_kwh", gettext_noop("Heat-pump electricity (kWh/a)"), 0),
    ("seasonal_cop", gettext_noop("Seasonal COP"), 2),
    ("pv_generation_kwh", gettext_noop("PV generation (kWh/a)"), 0),
    ("self_consumption", gettext_noop("PV self-consumption (share)"), 3),
    ("autarky", gettext_noop("Autarky (share)"), 3),
    ("grid_kwh", gettext_noop("Grid electricity (kWh/a)"), 0),
    ("feed_in_kwh", gettext_noop("Feed-in (kWh/a)"), 0),
    ("capital_heat", gettext_noop("Capital costs heat (€/a)"), 0),
    ("capital_pv", gettext_noop("Capital costs PV/battery (€/a)"), 0),
    ("maintenance", gettext_noop("Maintenance (€/a)"), 0),
    ("operation_cost", gettext_noop("Operation (€/a)"), 0),
    ("other_cost", gettext_noop("Other costs (€/a)"), 0),
    ("fuel_cost", gettext_noop("Fuel / heat costs (€/a)"), 0),
    ("heat_pump_cost", gettext_noop("Heat-pump electricity costs (€/a)"), 0),
    ("household_electricity_cost", gettext_noop("Household electricity costs (€/a)"), 0),
    ("co2_cost", gettext_noop("CO2 price costs (€/a)"), 0),
    ("feed_in_revenue", gettext_noop("Feed-in revenue (€/a)"), 0),
    ("total_annual_cost", gettext_noop("Total annual costs (€/a)"), 0),
    ("subsidy_annuity", gettext_noop("Subsidies (annuity, €/a)"), 0),
    ("total_after_subsidy", gettext_noop("Total after subsidies (€/a)"), 0),
    ("heat_price_eur_mwh", gettext_noop("Heat price (€/MWh)"), 1),
    ("heat_price_after_subsidy_eur_mwh", gettext_noop("Heat price after subsidies (€/MWh)"), 1),
    ("co2_t", gettext_noop("CO2e today (t/a)"), 1),
    ("co2_path_t", gettext_noop("CO2e mean over the period with the electricity path (t/a)"), 1),
    ("primary_energy_kwh", gettext_noop("Primary energy, non-renewable (kWh/a)"), 0),
]

ASSUMPTION_NOTES = [
    gettext_noop(
        "Annuity method after VDI 2067 Blatt 1 (2012): capital-related costs with replacements (own price "
        "change of investments) and residual value; demand-related, operation-related and other costs "
        "annuitised as first-year amount × a × b, each with its own price change; revenues likewise."
    ),
    gettext_noop(
        "Assumptions for PV and batteries: service life 20 years (PV) and 15 years (battery), maintenance "
        "1.5 % of the investment per year."
    ),
    gettext_noop(
        "Hourly demand: space heat by heating-degree hours (limit 15 °C) from the station's daily means "
        "with a ±3 K day cycle; hot water flat; household electricity with a standard residential shape."
    ),
    gettext_noop(
        "PV: hourly from the sun's elevation and a seasonal clearness, scaled to 950 kWh/kWp·a (PVGIS order "
        "of magnitude for the Saar region); battery 0.5 C, round-trip efficiency 0.9."
    ),
    gettext_noop(
        "Heat pumps: air-source COP scaled with the Carnot ratio from its 7 °C rating (flow 45 °C); ground-source constant."
    ),
    gettext_noop(
        "CO2 price applies to fossil heating fuels (BEHG); ETS costs are part of electricity and district heat prices."
    ),
    gettext_noop(
        "Primary-energy factors after GEG 2024 Anlage 4 (gas 1.1, electricity 1.8, wood 0.2, district heat 0.7)."
    ),
]


def concept_xlsx(quarter, data) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = _("Comparison")
    ok = [(v, r) for v, r, e, _t in data["results"] if r]
    tabular.xlsx_append(ws, [_("Figure")] + [v.name for v, _r in ok])
    for key, label, _digits in ROWS:
        tabular.xlsx_append(ws, [_(label)] + [r[key] for _v, r in ok])
    parts = breakdown(data)
    ws_b = wb.create_sheet(_("Annuities (VDI 2067-1)"))
    tabular.xlsx_append(ws_b, [_("Cost group"), _("Line")] + [v.name for v in parts["variants"]])
    for group_label, rows, sums in parts["groups"]:
        for label, values, _how in rows:
            tabular.xlsx_append(ws_b, [group_label, label] + values)
        tabular.xlsx_append(ws_b, [group_label, _("Sum")] + sums)
    tabular.xlsx_append(ws_b, [_("Total annuity A_N (€/a)"), ""] + parts["total"][0])
    tabular.xlsx_append(ws_b, [_("Heat price (€/MWh)"), ""] + parts["heat_price"][0])
    ws_h = wb.create_sheet(_("Computation"))  # sheet titles may not contain "?"
    tabular.xlsx_append(ws_h, [_("Line"), _("Variant"), _("Computation")])
    for _group_label, rows, _sums in parts["groups"]:
        for label, _values, how in rows:
            for name, text in how:
                tabular.xlsx_append(ws_h, [label, name, text])
    for label, (_values, how) in (
        (_("Total annuity A_N (€/a)"), parts["total"]),
        (_("Heat price (€/MWh)"), parts["heat_price"]),
    ):
        for name, text in how:
            tabular.xlsx_append(ws_h, [label, name, text])
    for name, text in fuel_explanations(data):
        tabular.xlsx_append(ws_h, [_("Fuel price"), name, text])
    ws2 = wb.create_sheet(_("Sensitivity"))
    tabular.xlsx_append(
        ws2, [_("Variant"), _("Parameter"), _("Heat price low (€/MWh)"), _("Heat price high (€/MWh)")]
    )
    for v, _r, _e, tornado in data["results"]:
        for label, lo, hi in tornado:
            tabular.xlsx_append(ws2, [v.name, _(label), lo, hi])
    ws3 = wb.create_sheet(_("Assumptions"))
    tabular.xlsx_append(ws3, [_("Item"), _("Value")])
    for field in (
        "interest_rate",
        "period_years",
        "price_electricity",
        "price_heat_pump",
        "price_gas",
        "price_wood",
        "price_district_heat",
        "feed_in_tariff",
        "price_increase",
        "investment_price_increase",
        "operation_price_increase",
        "co2_price_path",
    ):
        tabular.xlsx_append(
            ws3, [str(quarter._meta.get_field(field).verbose_name), str(getattr(quarter, field))]
        )
    tabular.xlsx_append(
        ws3, [_("Emission factor set"), data["assumptions"].factor_set_label if data["assumptions"] else ""]
    )
    tabular.xlsx_append(ws3, [_("Weather year"), data["year"]])
    for b in quarter.buildings.all():
        tabular.xlsx_append(
            ws3,
            [
                _("Building type"),
                f"{b.count} × {b.name}: {b.area} m², {b.heat_demand} + {b.dhw_demand} kWh/m²a, {b.electricity} kWh/a",
            ],
        )
    for v in quarter.variants.all():
        tabular.xlsx_append(ws3, [v.name, v.notes])
    for name, text in fuel_explanations(data):
        tabular.xlsx_append(ws3, [name, text])
    for note in ASSUMPTION_NOTES:
        tabular.xlsx_append(ws3, [_("Method"), _(note)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
