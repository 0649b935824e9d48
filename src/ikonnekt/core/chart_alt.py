"""Text alternatives for charts and maps (WCAG 2.1, 1.1.1 non-text content).

Every ECharts chart on a page is drawn from one option object; :func:`chart_table` reads the same
object and returns the data as a table (column headers, rows), so the table can never disagree
with the picture. :func:`map_items` does the same for a map's features. Both are rendered by the
``{% chart %}`` / ``{% map %}`` template tags (``core/templatetags/ikonnekt.py``) in a
collapsible ``<details>`` element next to the picture.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ikonnekt.core import numformat

# Above this many rows a table helps nobody: a summary (count, smallest, largest, mean) is given.
MAX_ROWS = 400


@dataclass
class ChartTable:
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    summary: str = ""


def fmt(value, seps=None) -> str:
    """A cell value in the user's language (German: 1.234,5); ``seps``: the language's number
    separators (``numformat.separators()``) when the caller formats many cells."""
    if value is None or value == "":
        return "–"
    if isinstance(value, dict):
        return fmt(value.get("value"), seps)
    if isinstance(value, list | tuple):
        return " / ".join(fmt(v, seps) for v in value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float):
            value = round(value, 2)
            if value.is_integer():
                value = int(value)
        # number_format's text, faster (tests/core/test_numformat.py)
        return numformat.number(value, seps=seps)
    if isinstance(value, datetime | date):
        return formats.localize(value)
    text = str(value)
    # ISO dates and timestamps (time axes) in the user's format.
    try:
        if len(text) == 10:
            return formats.date_format(date.fromisoformat(text), "SHORT_DATE_FORMAT")
        if len(text) > 10 and text[4] == "-" and "T" in text:
            return formats.date_format(datetime.fromisoformat(text), "SHORT_DATETIME_FORMAT")
    except ValueError:
        pass
    return text


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _category_axis(options) -> tuple[str, dict] | tuple[None, None]:
    for key in ("xAxis", "yAxis"):
        for axis in _as_list(options.get(key)):
            if isinstance(axis, dict) and axis.get("type", "category") == "category" and axis.get("data"):
                return key, axis
    return None, None


def _value_axis_name(options, skip: str | None) -> str:
    for key in ("yAxis", "xAxis"):
        if key == skip:
            continue
        for axis in _as_list(options.get(key)):
            if isinstance(axis, dict) and axis.get("name"):
                return str(axis["name"])
    return ""


def _series_name(series, index: int, unit: str) -> str:
    name = series.get("name")
    if name:
        return str(name) + (f" ({unit})" if unit and unit not in str(name) else "")
    return unit or _("Value") + (f" {index + 1}" if index else "")


def _point_value(item):
    if isinstance(item, dict):
        item = item.get("value")
    return item


def _summary(headers: list[str], rows: list[list], numeric_column: int) -> str:
    values = [r[numeric_column] for r in rows if isinstance(r[numeric_column], int | float | Decimal)]
    if not values:
        return _("%(count)s data points.") % {"count": fmt(len(rows))}
    return _("%(count)s data points of %(what)s: smallest %(low)s, largest %(high)s, mean %(mean)s.") % {
        "count": fmt(len(rows)),
        "what": headers[numeric_column],
        "low": fmt(min(values)),
        "high": fmt(max(values)),
        "mean": fmt(sum(float(v) for v in values) / len(values)),
    }


def _finish(headers: list[str], raw_rows: list[list]) -> ChartTable:
    if len(raw_rows) > MAX_ROWS:
        return ChartTable(headers=headers, rows=[], summary=_summary(headers, raw_rows, len(headers) - 1))
    seps = numformat.separators()  # once per table, not per cell
    return ChartTable(headers=headers, rows=[[fmt(c, seps) for c in r] for r in raw_rows])


def chart_table(options: dict | None) -> ChartTable | None:
    """The data of an ECharts option object as a table; ``None`` when there is nothing to show."""
    if not options:
        return None
    series = [s for s in _as_list(options.get("series")) if isinstance(s, dict)]
    if not series:
        return None
    kind = series[0].get("type", "")

    if kind == "sankey":
        headers = [_("From"), _("To"), pgettext("chart table", "Amount")]
        return _finish(
            headers,
            [[ln.get("source"), ln.get("target"), ln.get("value")] for ln in series[0].get("links", [])],
        )

    if kind == "graph":
        nodes = [
            n.get("name") for n in series[0].get("data", series[0].get("nodes", [])) if isinstance(n, dict)
        ]
        links = series[0].get("links", series[0].get("edges", []))
        if links:
            return _finish([_("From"), _("To")], [[ln.get("source"), ln.get("target")] for ln in links])
        return _finish([_("Name")], [[n] for n in nodes])

    if kind == "pie":
        return _finish(
            [_("Category"), _("Value")],
            [
                [d.get("name"), d.get("value")]
                for s in series
                for d in s.get("data", [])
                if isinstance(d, dict)
            ],
        )

    if kind == "radar":
        radar = options.get("radar") or {}
        radar = radar[0] if isinstance(radar, list) else radar
        labels = [ind.get("name", "") for ind in radar.get("indicator", [])]
        entries = [d for s in series for d in s.get("data", []) if isinstance(d, dict)]
        headers = [_("Axis")] + [str(d.get("name") or _("Value")) for d in entries]
        rows = [
            [label] + [(_as_list(d.get("value")) + [None] * len(labels))[i] for d in entries]
            for i, label in enumerate(labels)
        ]
        return _finish(headers, rows)

    if kind == "heatmap":
        x_axis = (_as_list(options.get("xAxis")) or [{}])[0]
        y_axis = (_as_list(options.get("yAxis")) or [{}])[0]
        xs, ys = x_axis.get("data") or [], y_axis.get("data") or []
        headers = [
            str(y_axis.get("name") or _("Row")),
            str(x_axis.get("name") or _("Column")),
            _series_name(series[0], 0, ""),
        ]
        rows = []
        for point in series[0].get("data", []):
            x, y, v = (_as_list(_point_value(point)) + [None, None, None])[:3]
            rows.append(
                [
                    ys[y] if isinstance(y, int) and y < len(ys) else y,
                    xs[x] if isinstance(x, int) and x < len(xs) else x,
                    v,
                ]
            )
        return _finish(headers, rows)

    axis_key, axis = _category_axis(options)
    unit = _value_axis_name(options, axis_key)
    if axis is not None:
        categories = axis.get("data") or []
        headers = [str(axis.get("name") or "")] + [_series_name(s, i, unit) for i, s in enumerate(series)]
        rows = []
        for i, category in enumerate(categories):
            row = [category.get("value") if isinstance(category, dict) else category]
            for s in series:
                data = s.get("data") or []
                row.append(_point_value(data[i]) if i < len(data) else None)
            rows.append(row)
        return _finish(headers, rows)

    # Value or time axes: series of [x, y] points, one row per point.
    x_axis = (_as_list(options.get("xAxis")) or [{}])[0]
    x_name = str(
        x_axis.get("name") or (pgettext("chart table", "Time") if x_axis.get("type") == "time" else "x")
    )
    y_name = _value_axis_name(options, "xAxis") or _("Value")
    many = len(series) > 1
    headers = ([_("Series")] if many else []) + [x_name, y_name]
    rows = []
    for i, s in enumerate(series):
        for point in s.get("data") or []:
            values = _as_list(_point_value(point))
            if len(values) < 2:
                continue
            rows.append(([_series_name(s, i, "")] if many else []) + [values[0], values[1]])
    return _finish(headers, rows) if rows else None


@dataclass
class MapItem:
    name: str
    url: str = ""
    info: str = ""


def map_items(config: dict | None) -> list[MapItem]:
    """The named features and lines of a map configuration (see ``app.js`` initMaps), in the order
    they are drawn: the list that stands for the map."""
    if not config:
        return []
    items = []
    for feature in (config.get("geojson") or {}).get("features", []) or []:
        props = feature.get("properties") or {}
        name = props.get("name") or props.get("title")
        if name:
            items.append(
                MapItem(name=str(name), url=props.get("url") or "", info=str(props.get("info") or ""))
            )
    for line in config.get("lines") or []:
        name = line.get("name") or line.get("title")
        if name:
            items.append(MapItem(name=str(name), url=line.get("url") or "", info=str(line.get("info") or "")))
    return items
