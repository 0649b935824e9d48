"""Geodata shared by the modules: great-circle distance and the validation of GeoJSON input.

Coordinates are WGS 84 longitude/latitude as GeoJSON requires (RFC 7946, section 4); anything
that looks like projected coordinates (e.g. UTM metres) is refused with a message saying so.
Areas and metric work project to ETRS89 / UTM 32N where they are computed (planning.geometry).
"""

import json

import numpy as np
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from shapely.geometry import shape
from shapely.validation import explain_validity

# Mean Earth radius R1 = (2a + b) / 3 of the GRS 80 ellipsoid (IUGG; Moritz, "Geodetic Reference
# System 1980", Journal of Geodesy 74, 2000): 6,371,008.8 m.
EARTH_RADIUS_KM = 6371.0088

WGS84_NAMES = {
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:OGC::CRS84",
    "EPSG:4326",
    "urn:ogc:def:crs:EPSG::4326",
}
GEOMETRY_TYPES = ("Point", "Polygon", "MultiPolygon")
# Road distance ≈ great circle × 1.3: an estimate (roads in rural Germany are typically 1.2–1.4 ×
# the straight line); where real road distances are known (materials: imported CSV) they win.
DETOUR_FACTOR = 1.3


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km on the mean-radius sphere (haversine formula, R. W. Sinnott,
    "Virtues of the Haversine", Sky and Telescope 68, 1984). Scalars give a float; NumPy arrays
    broadcast (a whole distance matrix in one call)."""
    lat1, lon1, lat2, lon2 = (np.radians(np.asarray(a, dtype=float)) for a in (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return float(km) if km.ndim == 0 else km


def _check_crs(obj) -> None:
    crs = obj.get("crs")
    name = (crs.get("properties") or {}).get("name") if isinstance(crs, dict) else None
    if name and name not in WGS84_NAMES:
        raise ValidationError(
            _("The GeoJSON uses the coordinate system %(crs)s. Please export it in WGS84 (EPSG:4326).")
            % {"crs": name}
        )


def parse_geojson(data, types=GEOMETRY_TYPES) -> dict:
    """The geometry dict of ``data``: a geometry, a Feature or a one-feature FeatureCollection,
    as dict or JSON text; only geometries of ``types``."""
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
                _("The GeoJSON contains %(n)s features; one is expected. Please import one at a time.")
                % {"n": len(features)}
            )
        data = features[0]
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry") or {}
    if not isinstance(data, dict) or data.get("type") not in types:
        raise ValidationError(
            _("Geometry type %(type)s is not supported; use %(types)s.")
            % {"type": data.get("type") if isinstance(data, dict) else "?", "types": ", ".join(types)}
        )
    return data


def validate_geojson(data, types=GEOMETRY_TYPES):
    """``(geometry dict, shapely geometry)`` of ``data`` (see :func:`parse_geojson`): readable,
    not empty, longitude/latitude, and a polygon that does not cross itself; else ValidationError."""
    geojson = parse_geojson(data, types)
    try:
        geom = shape(geojson)
    except Exception:  # shapely raises several types for malformed coordinates
        raise ValidationError(_("The geometry's coordinates could not be read."))
    if geom.is_empty:
        raise ValidationError(_("The geometry is empty."))
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise ValidationError(
            _(
                "The coordinates (e.g. %(x).0f, %(y).0f) are not longitude/latitude. The file is probably in a "
                "projected system such as UTM (EPSG:25832); please export it in WGS84 (EPSG:4326)."
            )
            % {"x": minx, "y": miny}
        )
    if geom.geom_type != "Point" and not geom.is_valid:
        reason = explain_validity(geom)
        if "Self-intersection" in reason:
            raise ValidationError(
                _("The polygon intersects itself (%(where)s). Please redraw it without crossing edges.")
                % {"where": reason}
            )
        raise ValidationError(_("The polygon is not valid: %(reason)s") % {"reason": reason})
    return geojson, geom
