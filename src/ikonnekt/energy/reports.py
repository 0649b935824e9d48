"""Annual energy report (per organisation or jointly for a cooperation) and quarter concept
exports: data assembly, XLSX (openpyxl) and PDF (WeasyPrint, server-side SVG charts)."""

import io
from html import escape

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ikonnekt.cooperations.models import Participation
from ikonnekt.core.numformat import floatformat, separators
from ikonnekt.core.prepared import Rows
from ikonnekt.energy import display, explain, year_figures
from ikonnekt.energy.models import Building, CheckStatus, EmissionFactorSet, SelfCheckAnswer
from ikonnekt.energy.services import _reference_values

# Kom.EMS-style self-check (levels Basis / Standard / Premium), paraphrased requirements.
SELF_CHECK = [
    (
        "responsibility",
        "basis",
        gettext_lazy("Energy management is assigned to a named person with time for it."),
    ),
    ("meter_register", "basis", gettext_lazy("All buildings and meters are recorded in a meter register.")),
    (
        "readings_monthly",
        "basis",
        gettext_lazy("Meters are read at least monthly and checked for plausibility."),
    ),
    ("annual_report", "basis", gettext_lazy("An annual energy report is published to the council.")),
    ("key_figures", "standard", gettext_lazy("Key figures are compared with reference values and ranked.")),
    ("weather_normalised", "standard", gettext_lazy("Heat consumption is weather-normalised (degree days).")),
    ("tariffs", "standard", gettext_lazy("Tariffs and contracts are recorded and reviewed.")),
    (
        "measures",
        "standard",
        gettext_lazy("Saving measures are planned, prioritised and their savings verified."),
    ),
    (
        "interval_data",
        "premium",
        gettext_lazy("Large consumers are monitored with interval (load profile) data."),
    ),
    ("caretakers", "premium", gettext_lazy("Caretakers are trained and receive alerts for their buildings.")),
    (
        "guideline",
        "premium",
        gettext_lazy("An energy guideline (Energieleitlinie) is adopted by the council."),
    ),
]


def report_buildings(report, user):
    # the balances come from energy.year_figures, which loads the meters only where it computes
    qs = Building.objects.visible_to(user).select_related("station", "owner").prefetch_related("measures")
    if report.cooperation_id:
        # the cooperation's members as a subquery of the same query (not a query of their own)
        orgs = Participation.objects.filter(cooperation_id=report.cooperation_id).values("organisation_id")
        return qs.filter(owner_id__in=orgs)
    return qs.filter(owner_id=report.owner_id)


# The self-check answers below a report already read through its read rule, the SQL compiled once
# (core.prepared, #18).
_answers = Rows(
    lambda report_id: SelfCheckAnswer.objects.filter(report_id=report_id).values_list(
        "requirement", "status", "note", "evidence_url"
    )
)


def _check_rows(checks) -> str:
    """The self-check table's rows as HTML, written once here (not four tags per row; ``escape``:
    the text of Django's ``escape``)."""
    evidence = escape(_("evidence"))
    return mark_safe(
        "".join(
            f'<tr><td class="small text-capitalize">{escape(str(c["level"]))}</td>'
            f"<td>{escape(str(c['text']))}</td><td>{escape(str(c['status']))}</td>"
            f'<td class="small">{escape(c["note"])}'
            + (f' <a href="{escape(c["evidence_url"])}">{evidence}</a>' if c["evidence_url"] else "")
            + "</td></tr>"
            for c in checks
        )
    )


def report_data(report, user):
    factors = report.factor_set.factors()
    refs = _reference_values()
    rows = []
    trend = {}
    years = [report.year - 2, report.year - 1, report.year]
    seps = separators()
    buildings = list(report_buildings(report, user))
    # a fixed number of queries; stored by their inputs (energy.year_figures)
    figures = year_figures.building_years(buildings, years, factors, refs)
    for building in buildings:
        row = figures[building.pk][report.year]
        row["previous"] = figures[building.pk][report.year - 1]
        row["weather_label"] = explain.weather_label(row)
        # the table's cells, formatted once here instead of by per-row template filters
        row["badge"] = display.class_badge(row["bench_heat"])
        row["text"] = {
            "heat_normalised": floatformat(row["heat_normalised"], "0g", seps) or "–",
            "electricity": floatformat(row["electricity"], "0g", seps),
            "specific_heat": floatformat(row["specific_heat"], "0g", seps) or "–",
            "specific_electricity": floatformat(row["specific_electricity"], "0g", seps) or "–",
            "costs": floatformat(row["costs"], "0g", seps) or "–",
            "co2_t": floatformat(row["co2_t"], "1g", seps),
        }
        rows.append(row)
    for offset in (2, 1, 0):
        y = report.year - offset
        trend[y] = {"heat": 0.0, "electricity": 0.0}
    for row in rows:
        trend[report.year]["heat"] += row["heat_normalised"] or row["heat"]
        trend[report.year]["electricity"] += row["electricity"]
        trend[report.year - 1]["heat"] += row["previous"]["heat_normalised"] or row["previous"]["heat"]
        trend[report.year - 1]["electricity"] += row["previous"]["electricity"]
    for row in rows:
        older = figures[row["building"].pk][
            report.year - 2
        ]  # its heat and electricity as building_consumption's
        trend[report.year - 2]["heat"] += older["heat_normalised"] or older["heat"]
        trend[report.year - 2]["electricity"] += older["electricity"]
    ranked = sorted(
        [r for r in rows if r["specific_heat"] is not None], key=lambda r: -(r["specific_heat"] or 0)
    )
    totals = {
        "heat": sum(r["heat"] for r in rows),
        "heat_normalised": sum(r["heat_normalised"] or 0 for r in rows),
        "electricity": sum(r["electricity"] for r in rows),
        "costs": sum(r["costs"] or 0 for r in rows),
        "costs_incomplete": any(r["costs"] is None for r in rows),
        "co2_t": sum(r["co2_t"] for r in rows),
        "savings_kwh": sum(
            (r["bench_heat"].savings_kwh if r["bench_heat"] else 0)
            + (r["bench_electricity"].savings_kwh if r["bench_electricity"] else 0)
            for r in rows
        ),
        "savings_eur": sum(
            (r["bench_heat"].savings_eur or 0 if r["bench_heat"] else 0)
            + (r["bench_electricity"].savings_eur or 0 if r["bench_electricity"] else 0)
            for r in rows
        ),
        "savings_t": sum(
            (r["bench_heat"].savings_t_co2 or 0 if r["bench_heat"] else 0)
            + (r["bench_electricity"].savings_t_co2 or 0 if r["bench_electricity"] else 0)
            for r in rows
        ),
    }
    # the cells of the totals, trend and measures, formatted once here (as ``floatformat:"0g"``)
    totals_text = {
        key: floatformat(totals[key], "1g" if key in ("co2_t", "savings_t") else "0g", seps)
        for key in (
            "heat",
            "heat_normalised",
            "electricity",
            "costs",
            "co2_t",
            "savings_kwh",
            "savings_eur",
            "savings_t",
        )
    }
    trend_rows = [
        (y, floatformat(v["heat"], "0g", seps), floatformat(v["electricity"], "0g", seps))
        for y, v in trend.items()
    ]
    answers = {row[0]: row[1:] for row in _answers(report.pk)}
    statuses = dict(CheckStatus.choices)
    checks = []
    for key, level, text in SELF_CHECK:
        status, note, evidence_url = answers.get(key, (None, "", ""))
        checks.append(
            {
                "key": key,
                "level": level,
                "text": text,
                # the answer's ``get_status_display``, or "open" without an answer
                "status": str(statuses.get(status, status)) if status is not None else _("open"),
                "note": note,
                "evidence_url": evidence_url,
            }
        )
    measures = [m for r in rows for m in r["building"].measures.all()]
    measure_rows = [
        {
            "building": m.building.name,
            "title": m.title,
            "status": m.get_status_display(),
            "savings": floatformat(m.expected_savings_kwh, "0g", seps) if m.expected_savings_kwh else "",
        }
        for m in measures
    ]
    return {
        "report": report,
        "rows": rows,
        "ranked": ranked,
        "totals": totals,
        "trend": trend,
        "checks": checks,
        "check_rows": _check_rows(checks),
        "measures": measures,
        "measure_rows": measure_rows,
        "trend_rows": trend_rows,
        "totals_text": totals_text,
        "factor_set": report.factor_set,
    }


def svg_bars(items, unit="", width=640, bar_height=18, colour="#2f7d5b", limit=None):
    """Horizontal bar chart as inline SVG (WeasyPrint has no JavaScript)."""
    items = [(str(label), float(value or 0)) for label, value in items]
    if not items:
        return ""
    peak = max(max(v for _l, v in items), float(limit or 0)) or 1
    label_w = 220
    height = len(items) * (bar_height + 6) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-size="10" font-family="sans-serif">'
    ]
    for i, (label, value) in enumerate(items):
        y = 5 + i * (bar_height + 6)
        w = (width - label_w - 70) * value / peak
        parts.append(f'<text x="0" y="{y + bar_height - 5}">{escape(label[:40])}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="{colour}"/>')
        parts.append(
            f'<text x="{label_w + w + 4:.1f}" y="{y + bar_height - 5}">{value:,.0f} {escape(unit)}</text>'.replace(
                ",", "."
            )
        )
    if limit:
        x = label_w + (width - label_w - 70) * float(limit) / peak
        parts.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" stroke="#c0392b" stroke-dasharray="4 3"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def report_pdf(data, request=None) -> bytes:
    import weasyprint

    chart_rank = svg_bars([(r["building"].name, r["specific_heat"]) for r in data["ranked"]], "kWh/m²a")
    chart_trend = svg_bars(
        [(f"{y} " + _("heat"), v["heat"] / 1000) for y, v in data["trend"].items()]
        + [(f"{y} " + _("electricity"), v["electricity"] / 1000) for y, v in data["trend"].items()],
        "MWh",
        colour="#3b6ea5",
    )
    html = render_to_string(
        "energy/report_pdf.html",
        {**data, "chart_rank": chart_rank, "chart_trend": chart_trend},
        request=request,
    )
    base = request.build_absolute_uri("/") if request else None
    return weasyprint.HTML(string=html, base_url=base).write_pdf()


def _sheet(wb, title, header, rows, formats=None):
    """A sheet of typed cells through the shared writer (text never becomes a formula)."""
    from ikonnekt.core import tabular

    return tabular.xlsx_sheet(wb, title, header, rows, formats=formats)


def report_xlsx(data) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    year = data["report"].year
    _sheet(
        wb,
        _("Buildings"),
        [
            _("Building"),
            _("Owner"),
            _("Use type"),
            _("Area (m²)"),
            _("Heat (kWh Hi)"),
            _("Heat normalised (kWh)"),
            _("Electricity (kWh)"),
            _("Heat (kWh/m²a)"),
            _("Electricity (kWh/m²a)"),
            _("Class heat"),
            _("Costs (€)"),
            _("CO2e (t)"),
            _("Savings potential (kWh)"),
            _("Weather adjustment"),
            _("Notes"),
        ],
        [
            (
                r["building"].name,
                r["building"].owner.name,
                r["building"].get_use_type_display(),
                float(r["building"].reference_area or 0),
                round(r["heat"]),
                round(r["heat_normalised"] or 0),
                round(r["electricity"]),
                round(r["specific_heat"] or 0, 1),
                round(r["specific_electricity"] or 0, 1),
                r["bench_heat"].klass if r["bench_heat"] else "",
                round(r["costs"], 2) if r["costs"] is not None else None,
                round(r["co2_t"], 2),
                round(
                    (r["bench_heat"].savings_kwh if r["bench_heat"] else 0)
                    + (r["bench_electricity"].savings_kwh if r["bench_electricity"] else 0)
                ),
                r["weather_label"],
                " ".join(str(p) for p in r["problems"]),
            )
            for r in data["rows"]
        ],
        formats={
            4: "#,##0",
            5: "#,##0",
            6: "#,##0",
            7: "#,##0.0",
            8: "#,##0.0",
            10: "#,##0.00 €",
            12: "#,##0",
        },
    )
    _sheet(
        wb,
        _("Trend"),
        [_("Year"), _("Heat (kWh)"), _("Electricity (kWh)")],
        [(y, round(v["heat"]), round(v["electricity"])) for y, v in data["trend"].items()],
        formats={1: "#,##0", 2: "#,##0"},
    )
    _sheet(
        wb,
        _("Measures"),
        [_("Building"), _("Measure"), _("Status"), _("Cost (€)"), _("Expected savings (kWh/a)")],
        [
            (
                m.building.name,
                m.title,
                m.get_status_display(),
                float(m.cost or 0),
                float(m.expected_savings_kwh or 0),
            )
            for m in data["measures"]
        ],
    )
    _sheet(
        wb,
        _("Self-check"),
        [_("Level"), _("Requirement"), _("Status"), _("Note"), _("Evidence")],
        [
            (
                c["level"],
                str(c["text"]),
                c["status"],
                c["note"],
                c["evidence_url"],
            )
            for c in data["checks"]
        ],
    )
    fs: EmissionFactorSet = data["factor_set"]
    _sheet(
        wb,
        _("Sources"),
        [_("Item"), _("Value")],
        [
            (_("Year"), year),
            (_("Emission factor set"), f"{fs.name} {fs.year} ({fs.get_method_display()})"),
            (_("Source of factors"), fs.source),
            (_("Degree days"), "G20/15 nach VDI 3807-1"),
            (
                _("Calorific basis"),
                _("kWh on the net calorific value Hi; gas bills (Hs) converted with Hs/Hi = 1.11"),
            ),
        ],
    )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
