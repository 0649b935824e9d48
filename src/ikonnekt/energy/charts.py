"""ECharts option objects (JSON for ``data-echarts``) of the energy pages."""

from django.utils.translation import gettext as _

MONTHS = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]


def _r(v, digits=0):
    return None if v is None else round(v, digits)


def monthly_bars(current, previous, year, unit="kWh"):
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": [str(year - 1), str(year)]},
        "xAxis": {"type": "category", "data": MONTHS},
        "yAxis": {"type": "value", "name": unit},
        "series": [
            {
                "name": str(year - 1),
                "type": "bar",
                "data": [_r(v) for v in previous],
                "itemStyle": {"color": "#adb5bd"},
            },
            {
                "name": str(year),
                "type": "bar",
                "data": [_r(v) for v in current],
                "itemStyle": {"color": "#2f7d5b"},
            },
        ],
    }


def signature_scatter(points, sig):
    data = [[round(p["t"], 1), round(p["kwh_per_day"], 1), f"{p['month']:02d}/{p['year']}"] for p in points]
    outliers = [data[i] for i in (sig.outliers if sig else [])]
    series = [
        {"name": _("Months"), "type": "scatter", "data": data, "symbolSize": 9},
        {
            "name": _("Outliers"),
            "type": "scatter",
            "data": outliers,
            "symbolSize": 14,
            "itemStyle": {"color": "#c0392b"},
        },
    ]
    if sig:
        lo = min(p["t"] for p in points) - 1
        hi = max(p["t"] for p in points) + 1
        xs = sorted({lo, sig.change_point, hi})
        series.append(
            {
                "name": _("Signature"),
                "type": "line",
                "showSymbol": False,
                "data": [[round(x, 1), round(float(sig.predict(x)), 1)] for x in xs],
            }
        )
    return {
        "tooltip": {"trigger": "item"},
        "legend": {},
        "xAxis": {"type": "value", "name": _("mean outdoor temperature (°C)")},
        "yAxis": {"type": "value", "name": _("kWh per day")},
        "series": series,
    }


def ranking(rows, guide=None):
    rows = sorted(rows, key=lambda r: r[1] or 0)
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 180},
        "xAxis": {"type": "value", "name": "kWh/(m²·a)"},
        "yAxis": {"type": "category", "data": [r[0] for r in rows]},
        "series": [
            {
                "type": "bar",
                "data": [
                    {
                        "value": _r(r[1], 1),
                        "itemStyle": {
                            "color": {"good": "#2f7d5b", "medium": "#e0a800", "high": "#c0392b"}.get(
                                r[2], "#6c757d"
                            )
                        },
                    }
                    for r in rows
                ],
            }
        ],
    }


def load_curve(samples):
    return {
        "tooltip": {"trigger": "axis"},
        "xAxis": {"type": "time"},
        "yAxis": {"type": "value", "name": "kW"},
        "dataZoom": [{"type": "inside"}, {"type": "slider"}],
        "series": [
            {
                "type": "line",
                "showSymbol": False,
                "data": [[t.isoformat(), round(kw, 2)] for t, kw in samples],
            }
        ],
    }


def carpet(data, days, slots):
    from ikonnekt.energy.domain.analysis import local_slot_label

    peak = max((d[2] for d in data), default=1)
    return {
        "tooltip": {"position": "top"},
        "grid": {"left": 90, "bottom": 70},
        "xAxis": {
            "type": "category",
            "data": [local_slot_label(s) for s in range(slots)],
            "name": _("time of day"),
        },
        "yAxis": {"type": "category", "data": days},
        "visualMap": {
            "min": 0,
            "max": round(peak, 1),
            "calculable": True,
            "orient": "horizontal",
            "left": "center",
            "bottom": 0,
            "inRange": {"color": ["#f7fbff", "#6baed6", "#08306b"]},
        },
        "series": [{"name": "kW", "type": "heatmap", "data": data, "progressive": 5000}],
    }


def temperatures(rows):
    return {
        "tooltip": {"trigger": "axis"},
        "xAxis": {"type": "time"},
        "yAxis": {"type": "value", "name": "°C"},
        "dataZoom": [{"type": "inside"}],
        "series": [{"type": "line", "showSymbol": False, "data": [[d.isoformat(), t] for d, t in rows]}],
    }


def tornado(rows, base):
    labels = [_(r[0]) for r in rows]
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 170},
        "xAxis": {"type": "value", "name": "€/MWh", "min": "dataMin", "max": "dataMax"},
        "yAxis": {"type": "category", "data": labels},
        "series": [
            {"name": _("low"), "type": "bar", "data": [round(r[1] - base, 1) for r in rows], "stack": "t"},
            {"name": _("high"), "type": "bar", "data": [round(r[2] - base, 1) for r in rows], "stack": "t"},
        ],
        "title": {
            "text": _("Change of the heat price (€/MWh) around %(b).1f") % {"b": base},
            "textStyle": {"fontSize": 12},
        },
    }


def comparison(results):
    names = [v.name for v, r, _e, _t in results if r]
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {},
        "grid": {"bottom": 80},
        "xAxis": {"type": "category", "data": names, "axisLabel": {"interval": 0, "rotate": 15}},
        "yAxis": [{"type": "value", "name": "€/MWh"}, {"type": "value", "name": "t CO2e/a"}],
        "series": [
            {
                "name": _("Heat price"),
                "type": "bar",
                "data": [round(r["heat_price_eur_mwh"], 1) for _v, r, _e, _t in results if r],
            },
            {
                "name": _("Heat price after subsidies"),
                "type": "bar",
                "data": [round(r["heat_price_after_subsidy_eur_mwh"], 1) for _v, r, _e, _t in results if r],
            },
            {
                "name": _("CO2e (t/a)"),
                "type": "line",
                "yAxisIndex": 1,
                "data": [round(r["co2_t"], 1) for _v, r, _e, _t in results if r],
            },
        ],
    }
