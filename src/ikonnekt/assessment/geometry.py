"""Validation of area locations: a GeoJSON point or polygon in WGS 84 (``core.geo``)."""

from ikonnekt.core.geo import validate_geojson


def clean_geometry(geometry):
    """Return the GeoJSON geometry if it is a valid point or polygon, else raise ValidationError."""
    geojson, _geom = validate_geojson(geometry, types=("Point", "Polygon"))
    return geojson
