"""Validation of area locations (GeoJSON point or polygon in WGS 84)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def clean_geometry(geometry):
    """Return the GeoJSON geometry if it is a valid point or polygon, else raise ValidationError."""
    from shapely.geometry import shape

    if not isinstance(geometry, dict) or geometry.get("type") not in ("Point", "Polygon"):
        raise ValidationError(_("The location must be a GeoJSON point or polygon."))
    try:
        geom = shape(geometry)
    except Exception:
        raise ValidationError(_("The location is not valid GeoJSON."))
    if geom.is_empty or not geom.is_valid:
        raise ValidationError(_("The polygon outline crosses itself or is empty."))
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise ValidationError(_("Coordinates must be longitude/latitude (WGS 84)."))
    return geometry
