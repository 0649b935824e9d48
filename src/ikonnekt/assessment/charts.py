"""Chart definitions: ECharts option objects for pages and small inline SVGs for PDFs."""

import math
from html import escape

from django.utils.translation import gettext as _

from ikonnekt.core.formats import number
from ikonnekt.reference.sdg import SDG_COLOURS

PALETTE = ["#1d5c4d", "#e07b39", "#3f7fbf", "#a23b72", "#6a994e", "#8d6a9f"]


def _short(label, length=26):
    label = str(label)
    return label if len(label) <= length else label[: length - 1].rstrip() + "…"


def _pct(value):
    return None if value is None else round(value, 1)


def radar_option(labels, series) -> dict:
    """``series``: [(name, [percent or None per label])]."""
    return {
        "color": PALETTE,
        "tooltip": {},
        "legend": {"bottom": 0, "data": [name for name, _v in series]},
        "radar": {"indicator": [{"name": _short(label), "max": 100} for label in labels], "radius": "58%"},
        "series": [
            {
                "type": "radar",
                "data": [
                    {"name": name, "value": [_pct(v) if v is not None else 0 for v in values]}
                    for name, values in series
                ],
                "areaStyle": {"opacity": 0.15},
            }
        ],
    }


def sdg_option(points: dict, achieved_label: str, maximum_label: str) -> dict:
    """Points per SDG: achieved (in the SDG's colour) against the maximum."""
    numbers = list(points)
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0, "data": [achieved_label, maximum_label]},
        "grid": {"left": 40, "right": 10, "top": 20, "bottom": 50},
        "xAxis": {"type": "category", "data": [f"SDG {n}" for n in numbers]},
        "yAxis": {"type": "value"},
        "series": [
            {
                "name": achieved_label,
                "type": "bar",
                "data": [
                    {"value": round(points[n][0], 2), "itemStyle": {"color": SDG_COLOURS[n]}} for n in numbers
                ],
            },
            {
                "name": maximum_label,
                "type": "bar",
                "data": [round(points[n][1], 2) for n in numbers],
                "itemStyle": {"color": "#d9d9d9"},
                "barGap": "-100%",
                "z": 1,
            },
        ],
    }


def grouped_bars_option(categories, series) -> dict:
    """``series``: [(name, [percent or None per category])]."""
    return {
        "color": PALETTE,
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0},
        "grid": {"left": 40, "right": 10, "top": 20, "bottom": 70, "containLabel": True},
        "xAxis": {
            "type": "category",
            "data": categories,
            "axisLabel": {"interval": 0, "width": 110, "overflow": "break"},
        },
        "yAxis": {"type": "value", "max": 100},
        "series": [
            {"name": name, "type": "bar", "data": [_pct(v) for v in values]} for name, values in series
        ],
    }


def line_option(dates, series) -> dict:
    return {
        "color": PALETTE,
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0},
        "grid": {"left": 40, "right": 20, "top": 20, "bottom": 50},
        "xAxis": {"type": "category", "data": dates},
        "yAxis": {"type": "value", "max": 100},
        "series": [
            {"name": name, "type": "line", "data": [_pct(v) for v in values], "connectNulls": True}
            for name, values in series
        ],
    }


# --- SVG for PDFs (WeasyPrint runs no JavaScript) -------------------------------------------------


RADAR_MARGIN = 110  # room left and right of the radar for labels (WeasyPrint clips at the viewBox)
RADAR_LINE_CHARS = 20
CHAR_WIDTH = 4.6  # average width of a character at font-size 8 (Helvetica/DejaVu Sans ≈ 0.55 em)


def wrap_label(label: str, width: int = RADAR_LINE_CHARS, lines: int = 3) -> list[str]:
    """Split a category title into at most ``lines`` lines of about ``width`` characters."""
    words, out, line = str(label).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        out.append(line)
    if len(out) > lines:
        out = out[: lines - 1] + [" ".join(out[lines - 1 :])]
    return out


def svg_radar(labels, values, size=260) -> str:
    n = len(labels)
    if n < 3:
        return svg_bars(list(zip(labels, values, [PALETTE[0]] * n, strict=False)), width=size * 2)
    c, r = size / 2, size / 2 - 55
    m = RADAR_MARGIN
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size + 2 * m}" height="{size}" '
        f'viewBox="{-m} 0 {size + 2 * m} {size}">'
    ]
    for ring in (25, 50, 75, 100):
        pts = " ".join(
            f"{c + r * ring / 100 * math.sin(2 * math.pi * i / n):.1f},{c - r * ring / 100 * math.cos(2 * math.pi * i / n):.1f}"
            for i in range(n)
        )
        parts.append(f'<polygon points="{pts}" fill="none" stroke="#ccc" stroke-width="0.6"/>')
    for i, label in enumerate(labels):
        ang = 2 * math.pi * i / n
        x, y = c + (r + 12) * math.sin(ang), c - (r + 12) * math.cos(ang)
        anchor = "middle" if abs(math.sin(ang)) < 0.2 else ("start" if math.sin(ang) > 0 else "end")
        lines = wrap_label(label)
        if math.cos(ang) > 0.2:  # upper half: the block grows upwards, away from the chart
            y -= 9 * (len(lines) - 1)
        parts.append(
            f'<line x1="{c}" y1="{c}" x2="{c + r * math.sin(ang):.1f}" y2="{c - r * math.cos(ang):.1f}" stroke="#ccc" stroke-width="0.6"/>'
        )
        spans = "".join(
            f'<tspan x="{x:.1f}" dy="{0 if k == 0 else 9}">{escape(text)}</tspan>'
            for k, text in enumerate(lines)
        )
        parts.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="8" text-anchor="{anchor}">{spans}</text>')
    pts = " ".join(
        f"{c + r * (v or 0) / 100 * math.sin(2 * math.pi * i / n):.1f},{c - r * (v or 0) / 100 * math.cos(2 * math.pi * i / n):.1f}"
        for i, v in enumerate(values)
    )
    parts.append(
        f'<polygon points="{pts}" fill="{PALETTE[0]}" fill-opacity="0.25" stroke="{PALETTE[0]}" stroke-width="1.5"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def svg_bars(items, width=420, bar_height=14, maximum=None) -> str:
    """Horizontal bars: ``items`` = [(label, value, colour)]."""
    maximum = maximum or max([v or 0 for _l, v, _c in items] + [1])
    height = len(items) * (bar_height + 4) + 4
    label_w = 150
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">']
    for i, (label, value, colour) in enumerate(items):
        y = 2 + i * (bar_height + 4)
        w = (width - label_w - 50) * (value or 0) / maximum
        parts.append(f'<text x="0" y="{y + bar_height - 3}" font-size="8">{escape(str(label)[:34])}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="{colour}"/>')
        text = _("n/a") if value is None else number(value, 1).rstrip("0").rstrip(",")
        parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + bar_height - 3}" font-size="8">{text}</text>')
    parts.append("</svg>")
    return "".join(parts)
