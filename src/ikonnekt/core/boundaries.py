"""The offline map background: administrative boundaries shipped with the app.

``static/ikonnekt/geo/boundaries.geojson`` holds the Saarland, its districts and municipalities
and the transfer municipalities, made by ``tools/make_boundaries.py`` from the BKG's open data
VG5000 (© GeoBasis-DE / BKG 2021, Datenlizenz Deutschland – Namensnennung 2.0; see the README
next to the file). Maps draw it when no tile server is configured (``MAP_TILES_URL`` empty).
"""

import json
from functools import lru_cache

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _

STATIC_PATH = "ikonnekt/geo/boundaries.geojson"


@lru_cache(maxsize=1)
def collection():
    """The shipped FeatureCollection (read once per process; it changes only with a release)."""
    path = settings.BASE_DIR / "static" / STATIC_PATH
    return json.loads(path.read_text(encoding="utf-8"))


def url():
    return static(STATIC_PATH)


def attribution_html():
    """The source note the licence asks for, linked as the BKG prescribes, for the map's
    attribution control (Leaflet shows it as HTML)."""
    source = collection()["attribution"]
    return format_html(
        '{}: <a href="{}">{}</a>, <a href="{}">{}</a>',
        _("Boundaries"),
        source["url"],
        source["text"],
        source["licence_url"],
        source["licence"],
    )


@lru_cache(maxsize=1)
def _municipality_area():
    from shapely import prepare
    from shapely.geometry import shape
    from shapely.ops import unary_union

    area = unary_union(
        [shape(f["geometry"]) for f in collection()["features"] if f["properties"]["kind"] == "municipality"]
    )
    prepare(area)
    return area


def covers(longitude, latitude):
    """Whether a point lies in a municipality the background draws (and names) itself."""
    from shapely.geometry import Point

    return _municipality_area().covers(Point(float(longitude), float(latitude)))
