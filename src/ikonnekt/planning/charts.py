"""ECharts option objects and GeoJSON for the planning pages (data only, no request)."""

from django.urls import reverse
from django.utils.translation import gettext as _

CATEGORY_COLOURS = {
    "gap": "#2e7d32",
    "brownfield": "#8d6e63",
    "vacant": "#f9a825",
    "underused": "#7cb342",
    "farmstead": "#6d4c41",
    "commercial": "#1565c0",
    "planned": "#9e9e9e",
}
SITE_FEATURE_FIELDS = (
    "id",
    "name",
    "category",
    "geometry",
    "area_m2",
    "owner__name",
    "owner_id",
    "visibility",
)


def site_feature(site, url_prefix=None, labels=None):
    """One site as a FeatureCollection; ``url_prefix``/``labels`` avoid a reverse() and a choices
    lookup per feature when thousands are serialised (the paged GeoJSON endpoint)."""
    colour = CATEGORY_COLOURS.get(site.category, "#1d5c4d")
    url = f"{url_prefix}{site.pk}/" if url_prefix else reverse("planning:site_detail", args=[site.pk])
    category = labels[site.category] if labels else site.get_category_display()
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": site.geometry,
                "properties": {
                    "id": site.pk,
                    "name": site.name,
                    "url": url,
                    "info": f"{category} · {site.area_m2:,.0f} m² · {site.owner.name}".replace(",", "."),
                    "category": site.category,
                    "style": {"color": colour, "weight": 2, "fillOpacity": 0.35},
                },
            }
        ],
    }


def sites_collection(sites):
    from ikonnekt.planning.models import SiteCategory

    prefix = reverse("planning:site_list")
    labels = {k: str(v) for k, v in SiteCategory.choices}
    return {
        "type": "FeatureCollection",
        "features": [site_feature(s, prefix, labels)["features"][0] for s in sites],
    }


def indicator_chart(node, series):
    years = sorted({y for points in series.values() for y, _v in points} | {node.baseline_year or 0} - {0})
    if node.target_year:
        years = sorted(set(years) | {node.target_year})
    lines = []
    for muni, points in series.items():
        data = dict(points)
        lines.append(
            {"name": muni.name, "type": "line", "connectNulls": True, "data": [data.get(y) for y in years]}
        )
    target_line = {
        "name": _("Target"),
        "type": "line",
        "lineStyle": {"type": "dashed", "color": "#c62828"},
        "itemStyle": {"color": "#c62828"},
        "data": [
            node.baseline_value
            if y == node.baseline_year
            else (node.target_value if y == node.target_year else None)
            for y in years
        ],
        "connectNulls": True,
    }
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"type": "scroll"},
        "xAxis": {"type": "category", "data": [str(y) for y in years]},
        "yAxis": {"type": "value", "name": node.unit},
        "series": [*lines, target_line],
    }


def comparison_bar(node, rows):
    return {
        "tooltip": {},
        "grid": {"left": 160},
        "xAxis": {"type": "value", "name": node.unit},
        "yAxis": {"type": "category", "data": [r.municipality.name for r in rows][::-1]},
        "series": [
            {
                "type": "bar",
                "data": [r.value for r in rows][::-1],
                "markLine": {"data": [{"xAxis": node.target_value, "name": _("Target")}]}
                if node.target_value is not None
                else {},
            }
        ],
    }


def comparison_map(node, rows):
    values = [r.value for r in rows] or [0]
    lo, hi = min(values), max(values)
    features = []
    for r in rows:
        org = r.municipality
        if org.latitude is None or org.longitude is None:
            continue
        share = (r.value - lo) / (hi - lo) if hi > lo else 0.5
        good = share if node.direction == "increase" else 1 - share
        colour = "#2e7d32" if good > 0.66 else ("#f9a825" if good > 0.33 else "#c62828")
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [org.longitude, org.latitude]},
                "properties": {
                    "name": org.name,
                    "info": f"{r.value:g} {node.unit} ({r.year})",
                    "style": {"color": colour, "radius": 8 + 10 * share},
                },
            }
        )
    return {
        "center": [49.36, 6.78],
        "zoom": 10,
        "geojson": {"type": "FeatureCollection", "features": features},
    }


def balance_chart(rows):
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {},
        "grid": {"left": 160},
        "xAxis": {"type": "value", "name": "ha"},
        "yAxis": {"type": "category", "data": [r["org"].name for r in rows]},
        "series": [
            {"name": _("Demand"), "type": "bar", "data": [round(r["demand"].hectares, 2) for r in rows]},
            {
                "name": _("Mobilisable potential"),
                "type": "bar",
                "data": [round(r["potential"].mobilisable_ha, 2) for r in rows],
            },
        ],
    }


def landtake_chart(rows):
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {},
        "xAxis": {"type": "category", "data": [str(r["year"]) for r in rows]},
        "yAxis": {"type": "value", "name": "ha"},
        "series": [
            {"name": _("New settlement area"), "type": "bar", "data": [r["hectares"] for r in rows]},
            {
                "name": _("Target path"),
                "type": "line",
                "lineStyle": {"type": "dashed"},
                "data": [round(r["allowance"], 2) for r in rows],
            },
        ],
    }


def check_chart(topics):
    return {
        "tooltip": {},
        "radar": {"indicator": [{"name": str(t.label), "min": -1, "max": 1} for t in topics]},
        "series": [
            {
                "type": "radar",
                "data": [
                    {"name": _("Score"), "value": [t.score if t.score is not None else 0 for t in topics]}
                ],
            }
        ],
    }
