"""Site geometries: validate GeoJSON (WGS84) and compute areas in ETRS89 / UTM zone 32N.

Areas in degrees are meaningless; every area is computed after projecting to EPSG:25832
(ETRS89 / UTM 32N), the official metric system for Saarland. GeoJSON must be WGS84
(RFC 7946); anything that looks like projected coordinates is rejected with a clear message.
"""

import json
from functools import lru_cache

import numpy as np
import shapely
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pyproj import Transformer
from shapely.geometry import mapping, shape
from shapely.validation import explain_validity

ALLOWED_CRS = {
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:OGC::CRS84",
    "EPSG:4326",
    "urn:ogc:def:crs:EPSG::4326",
}
ALLOWED_TYPES = {"Point", "Polygon", "MultiPolygon"}


@lru_cache(maxsize=1)
def _to_utm():
    return Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True)


def _crs_name(obj):
    crs = obj.get("crs") if isinstance(obj, dict) else None
    if isinstance(crs, dict):
        return (crs.get("properties") or {}).get("name")
    return None


def _check_crs(obj):
    name = _crs_name(obj)
    if name and name not in ALLOWED_CRS:
        raise ValidationError(
            _("The GeoJSON uses the coordinate system %(crs)s. Please export it in WGS84 (EPSG:4326).")
            % {"crs": name}
        )


def parse_geometry(data) -> dict:
    """A GeoJSON geometry dict (from a geometry, Feature or one-feature FeatureCollection)."""
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except (ValueError, UnicodeDecodeError):
            raise ValidationError(_("This is not valid GeoJSON (JSON could not be read)."))
    if not isinstance(data, dict):
        raise ValidationError(_("This is not valid GeoJSON."))
    _check_crs(data)
    if data.get("type") == "FeatureCollection":
        features = data.get("features") or []
        if len(features) != 1:
            raise ValidationError(
                _(
                    "The GeoJSON contains %(n)s features; a site is one feature. Please import one site at a time."
                )
                % {"n": len(features)}
            )
        data = features[0]
    if data.get("type") == "Feature":
        data = data.get("geometry") or {}
    if data.get("type") not in ALLOWED_TYPES:
        raise ValidationError(
            _("Geometry type %(type)s is not supported; use Point, Polygon or MultiPolygon.")
            % {"type": data.get("type")}
        )
    return data


def _check_coordinates(geom):
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= 180 and -180 <= maxx <= 180 and -90 <= miny <= 90 and -90 <= maxy <= 90):
        raise ValidationError(
            _(
                "The coordinates (e.g. %(x).0f, %(y).0f) are not longitude/latitude. The file is probably in a "
                "projected system such as UTM (EPSG:25832); please export it in WGS84 (EPSG:4326)."
            )
            % {"x": minx, "y": miny}
        )


def clean_geometry(data) -> tuple[dict, float, float, float]:
    """Validate and return ``(geometry, area_m2, centroid_lat, centroid_lon)``."""
    geojson = parse_geometry(data)
    try:
        geom = shape(geojson)
    except Exception:  # shapely raises several types for malformed coordinates
        raise ValidationError(_("The geometry's coordinates could not be read."))
    if geom.is_empty:
        raise ValidationError(_("The geometry is empty."))
    _check_coordinates(geom)
    if geom.geom_type != "Point":
        if not geom.is_valid:
            reason = explain_validity(geom)
            if "Self-intersection" in reason:
                raise ValidationError(
                    _("The polygon intersects itself (%(where)s). Please redraw it without crossing edges.")
                    % {"where": reason}
                )
            raise ValidationError(_("The polygon is not valid: %(reason)s") % {"reason": reason})
    area = area_m2(geom)
    centroid = geom.centroid
    return mapping(geom), area, centroid.y, centroid.x


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
