"""Site geometries: GeoJSON (WGS84, validated by ``core.geo``) and areas in ETRS89 / UTM zone 32N.

Areas in degrees are meaningless; every area is computed after projecting to EPSG:25832
(ETRS89 / UTM 32N), the official metric system for Saarland. GeoJSON must be WGS84
(RFC 7946); anything that looks like projected coordinates is rejected with a clear message.
"""

from functools import lru_cache

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import mapping, shape

from ikonnekt.core.geo import validate_geojson


@lru_cache(maxsize=1)
def _to_utm():
    return Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True)


def clean_geometry(data) -> tuple[dict, float, float, float]:
    """Validate and return ``(geometry, area_m2, centroid_lat, centroid_lon)``."""
    _geojson, geom = validate_geojson(data)
    centroid = geom.centroid
    return mapping(geom), area_m2(geom), centroid.y, centroid.x


def area_m2(geom) -> float:
    """Area in m² of a WGS84 shapely geometry, projected to ETRS89 / UTM 32N."""
    if geom.geom_type == "Point":
        return 0.0
    transformer = _to_utm()

    def project(coords):
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geom, project).area


def geojson_area_m2(geojson: dict) -> float:
    return area_m2(shape(geojson))
