"""Presentation data for green-waste scenarios: map, charts, monitoring table, annual report PDF/XLSX."""

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from ikonnekt.core import tabular
from ikonnekt.core.formats import number
from ikonnekt.materials import monitoring

PLANT_COLOURS = {"composting": "#2e7d32", "shredding": "#8d6e63", "biomass": "#e65100", "transfer": "#1565c0"}


def map_config(scenario, points, plants, result):
    features = []
    for p in points:
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p.longitude, p.latitude]},
                "properties": {
                    "name": p.name,
                    "info": _("%(m)s · %(t)s t/a") % {"m": p.municipality.name, "t": number(p.tonnes(), 1)},
                    "style": {"color": "#1d5c4d", "radius": 6},
                },
            }
        )
    opened = {row["plant"]: row for row in (result or {}).get("plants", [])}
    for pl in plants:
        row = opened.get(str(pl.pk))
        closed = pl.candidate and row is not None and not row["open"]
        info = _("%(k)s · capacity %(c)s t/a") % {"k": pl.get_kind_display(), "c": number(pl.capacity_t, 0)}
        if row:
            info += " · " + _("utilisation %(u)s %%") % {"u": round(100 * row["utilisation"])}
        if pl.candidate:
            info += " · " + (_("candidate, not opened") if closed else _("candidate site"))
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [pl.longitude, pl.latitude]},
                "properties": {
                    "name": pl.name,
                    "info": info,
                    "style": {
                        "color": "#9e9e9e" if closed else PLANT_COLOURS.get(pl.kind, "#000"),
                        "radius": 11,
                    },
                },
            }
        )
    lines = []
    coords_p = {str(p.pk): (p.latitude, p.longitude, p.name) for p in points}
    coords_pl = {str(p.pk): (p.latitude, p.longitude, p.name) for p in plants}
    flows = (result or {}).get("flows", [])
    biggest = max((f["tonnes"] for f in flows), default=1.0) or 1.0
    for f in flows:
        a, b = coords_p.get(f["point"]), coords_pl.get(f["plant"])
        if not a or not b:
            continue
        lines.append(
            {
                "coords": [[a[0], a[1]], [b[0], b[1]]],
                "weight": 2 + 6 * f["tonnes"] / biggest,
                "color": "#0d6efd",
                "name": f"{a[2]} → {b[2]}",
                "info": _("%(t)s t/a, %(km)s km, %(trips)s trips")
                % {"t": number(f["tonnes"], 1), "km": number(f["km"], 1), "trips": number(f["trips"], 0)},
            }
        )
    return {
        "center": [49.33, 6.78],
        "zoom": 11,
        "geojson": {"type": "FeatureCollection", "features": features},
        "lines": lines,
    }


def pareto_chart(result):
    front = result.get("pareto") or []
    return {
        "tooltip": {"trigger": "item"},
        "xAxis": {"type": "value", "name": _("t CO2e/a"), "scale": True},
        "yAxis": {"type": "value", "name": _("€/a"), "scale": True},
        "series": [
            {
                "type": "line",
                "name": _("Pareto front"),
                "data": [[round(p["co2e_kg"] / 1000, 2), round(p["cost"])] for p in front],
                "symbolSize": 9,
            }
        ],
    }


def utilisation_chart(result):
    plants = [p for p in result.get("plants", []) if p["open"]]
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 10, "right": 30, "containLabel": True},
        "xAxis": {"type": "value", "max": 100, "name": "%"},
        "yAxis": {"type": "category", "data": [p["name"] for p in plants]},
        "series": [
            {
                "type": "bar",
                "name": _("Utilisation"),
                "data": [round(100 * p["utilisation"], 1) for p in plants],
            }
        ],
    }


def monitoring_rows(scenario):
    from ikonnekt.materials.models import MonthlyQuantity

    qs = (
        MonthlyQuantity.objects.filter(point__scenario=scenario)
        .select_related("point")
        .order_by("point__name", "year", "month")
    )
    rows = [
        {
            "point": m.point.name,
            "year": m.year,
            "month": m.month,
            "reported_t": m.reported_t,
            "delivered_t": m.delivered_t,
        }
        for m in qs
    ]
    return monitoring.compare(rows, scenario.deviation_threshold)


def monitoring_chart(totals):
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {},
        "grid": {"bottom": 90},
        "xAxis": {"type": "category", "data": [t["point"] for t in totals], "axisLabel": {"rotate": 30}},
        "yAxis": {"type": "value", "name": "t"},
        "series": [
            {"type": "bar", "name": _("reported"), "data": [round(t["reported_t"], 1) for t in totals]},
            {"type": "bar", "name": _("delivered"), "data": [round(t["delivered_t"], 1) for t in totals]},
        ],
    }


def _report_context(scenario):
    from ikonnekt.materials import explain

    rows, totals = monitoring_rows(scenario)
    result = scenario.result or {}
    plants = {str(p.pk): p for p in scenario.plants.all()}
    coop = result.get("cooperation") or {}
    split_ctx = {}
    if coop and not coop.get("error") and "core" in coop:
        columns = explain.splits(coop)
        split_ctx = {
            "splits": columns,
            "split_rows": explain.split_rows(coop, columns),
            "core_message": explain.core_message(coop)[1],
        }
    return {
        **split_ctx,
        "scenario": scenario,
        "result": result,
        "plants": [
            {**row, "kind": plants[row["plant"]].get_kind_display() if row["plant"] in plants else ""}
            for row in result.get("plants", [])
        ],
        "totals": totals,
        "flagged": [r for r in rows if r["flagged"]],
        "points": list(scenario.points.select_related("municipality")),
    }


def annual_report_pdf(scenario, base_url):
    import weasyprint

    ctx = _report_context(scenario)
    ctx["bars_svg"] = _bars_svg(ctx["totals"])
    html = render_to_string("materials/report.html", ctx)
    return weasyprint.HTML(string=html, base_url=base_url).write_pdf()


def _bars_svg(totals):
    """Reported vs delivered per point as an inline SVG (no JS in WeasyPrint)."""
    if not totals:
        return ""
    top = max(max(t["reported_t"], t["delivered_t"]) for t in totals) or 1
    row_h, width = 22, 320
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="560" height="{row_h * len(totals) + 10}">']
    for i, t in enumerate(totals):
        y = 5 + i * row_h
        name = str(t["point"]).replace("&", "&amp;").replace("<", "&lt;")
        parts.append(f'<text x="0" y="{y + 12}" font-size="9">{name[:32]}</text>')
        parts.append(
            f'<rect x="200" y="{y}" width="{width * t["reported_t"] / top:.1f}" height="8" fill="#6c757d"/>'
        )
        parts.append(
            f'<rect x="200" y="{y + 9}" width="{width * t["delivered_t"] / top:.1f}" height="8" fill="#1d5c4d"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def annual_report_xlsx(scenario):
    from openpyxl import Workbook

    ctx = _report_context(scenario)
    result = ctx["result"]
    wb = Workbook()
    ws = wb.active
    ws.title = _("Summary")[:31]
    tabular.xlsx_append(ws, [scenario.name, scenario.year])
    for label, key in [
        (_("Total cost (€/a)"), "total_cost"),
        (_("Transport cost (€/a)"), "transport_cost"),
        (_("CO2e net (kg/a)"), "total_co2e_kg"),
        (_("Energy produced (MWh/a)"), "energy_mwh"),
        (_("CO2e avoided (kg/a)"), "co2e_avoided_kg"),
        (_("Trips per year"), "trips"),
    ]:
        tabular.xlsx_append(ws, [label, result.get(key)])
    ws = wb.create_sheet(_("Municipalities")[:31])
    tabular.xlsx_append(ws, [_("Municipality"), "t/a", "€/a", "kg CO2e/a"])
    for m in result.get("municipalities", []):
        tabular.xlsx_append(ws, [m["municipality"], m["tonnes"], m["cost"], m["co2e_kg"]])
    ws = wb.create_sheet(_("Plants")[:31])
    tabular.xlsx_append(
        ws, [_("Plant"), _("open"), "t/a", _("capacity t/a"), _("utilisation"), "MWh/a", "kg CO2e avoided"]
    )
    for p in result.get("plants", []):
        tabular.xlsx_append(
            ws,
            [
                p["name"],
                p["open"],
                p["tonnes"],
                p["capacity_t"],
                p["utilisation"],
                p["energy_mwh"],
                p["co2e_avoided_kg"],
            ],
        )
    ws = wb.create_sheet(_("Monitoring")[:31])
    tabular.xlsx_append(
        ws, [_("Collection point"), _("reported (t)"), _("delivered (t)"), _("deviation"), _("flagged")]
    )
    for t in ctx["totals"]:
        tabular.xlsx_append(ws, [t["point"], t["reported_t"], t["delivered_t"], t["deviation"], t["flagged"]])
    coop = result.get("cooperation")
    if coop and not coop.get("error"):
        from ikonnekt.materials import explain

        keys = coop.get("splits", ["tonnage", "inhabitants", "shapley"])
        labels = explain.split_labels()
        ws = wb.create_sheet(_("Cost split")[:31])
        tabular.xlsx_append(ws, [_("Municipality"), _("alone"), *[labels[k] for k in keys]])
        for r in coop["rows"]:
            tabular.xlsx_append(ws, [r["name"], r["alone"], *[r[k] for k in keys]])
        tabular.xlsx_append(ws, [])
        for k in keys:
            tabular.xlsx_append(ws, [labels[k], explain.split_sentences()[k]])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
