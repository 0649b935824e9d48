"""Area computation in ETRS89/UTM 32N and rejection of bad geometries."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from pyproj import Transformer

from ikonnekt.planning.geometry import clean_geometry


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


TO_WGS = Transformer.from_crs("EPSG:25832", "EPSG:4326", always_xy=True)


def square_in_utm(x0, y0, side):
    corners = [(x0, y0), (x0 + side, y0), (x0 + side, y0 + side), (x0, y0 + side), (x0, y0)]
    return {"type": "Polygon", "coordinates": [[list(TO_WGS.transform(x, y)) for x, y in corners]]}


def test_area_of_a_known_100_m_square_near_nalbach():
    # 100 m × 100 m in UTM 32N (E 340,000 / N 5,472,000 lies near Nalbach) = 10,000 m²
    _geom, area, lat, lon = clean_geometry(square_in_utm(340_000, 5_472_000, 100))
    assert area == pytest.approx(10_000, abs=0.5)
    assert 49.3 < lat < 49.5 and 6.7 < lon < 6.9


def test_area_accepts_feature_and_feature_collection():
    geom = square_in_utm(348_000, 5_472_000, 50)
    fc = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": geom, "properties": {}}]}
    assert clean_geometry(json.dumps(fc))[1] == pytest.approx(2_500, abs=0.5)


def test_point_has_no_area():
    assert clean_geometry({"type": "Point", "coordinates": [6.78, 49.38]})[1] == 0.0


def test_self_intersecting_polygon_is_rejected_with_a_clear_message():
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[6.78, 49.38], [6.781, 49.381], [6.781, 49.38], [6.78, 49.381], [6.78, 49.38]]],
    }
    with pytest.raises(ValidationError, match="intersects itself"):
        clean_geometry(bowtie)


def test_projected_coordinates_are_rejected():
    utm = {
        "type": "Polygon",
        "coordinates": [[[348000, 5472000], [348100, 5472000], [348100, 5472100], [348000, 5472000]]],
    }
    with pytest.raises(ValidationError, match="WGS84"):
        clean_geometry(utm)


def test_foreign_crs_member_is_rejected():
    fc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}},
        "features": [],
    }
    with pytest.raises(ValidationError, match="EPSG::25832"):
        clean_geometry(fc)


def test_garbage_is_rejected():
    with pytest.raises(ValidationError):
        clean_geometry("{not json")
    with pytest.raises(ValidationError, match="LineString"):
        clean_geometry({"type": "LineString", "coordinates": [[6.7, 49.3], [6.8, 49.4]]})
