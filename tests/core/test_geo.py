"""core.geo: great-circle distance and GeoJSON validation, checked against hand-worked values."""

import math

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ikonnekt.core.geo import haversine_km, validate_geojson


def test_one_degree_along_a_meridian_is_the_radius_times_pi_over_180():
    # 6371.0088 km × π / 180 = 111.1951 km (worked by hand, not by the function)
    assert haversine_km(49.0, 7.0, 50.0, 7.0) == pytest.approx(111.1951, abs=1e-3)


def test_a_quarter_of_the_equator_is_the_radius_times_pi_over_2():
    # 6371.0088 km × π / 2 = 10,007.557 km
    assert haversine_km(0.0, 0.0, 0.0, 90.0) == pytest.approx(10007.557, abs=1e-2)


def test_saarlouis_to_saarbruecken_is_about_19_km():
    # Saarlouis (49.3136, 6.7519) – Saarbrücken (49.2402, 6.9969): 19.4 km great circle
    assert haversine_km(49.3136, 6.7519, 49.2402, 6.9969) == pytest.approx(19.4, abs=0.3)


def test_scalars_give_a_float_and_arrays_broadcast_to_a_matrix():
    assert isinstance(haversine_km(49.0, 7.0, 50.0, 7.0), float)
    km = haversine_km(np.array([[49.0], [0.0]]), np.array([[7.0], [0.0]]), np.array([50.0]), np.array([7.0]))
    assert km.shape == (2, 1)
    assert km[0, 0] == pytest.approx(111.1951, abs=1e-3)
    assert km[1, 0] == pytest.approx(
        6371.0088 * math.acos(math.cos(math.radians(50)) * math.cos(math.radians(7))), abs=1e-3
    )


SQUARE = {
    "type": "Polygon",
    "coordinates": [[[6.7, 49.3], [6.71, 49.3], [6.71, 49.31], [6.7, 49.31], [6.7, 49.3]]],
}


def test_a_feature_collection_of_one_polygon_gives_its_geometry():
    data = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": SQUARE, "properties": {}}],
    }
    geojson, geom = validate_geojson(data)
    assert geojson == SQUARE
    assert geom.geom_type == "Polygon"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ("{not json", "could not be read"),
        ({"type": "Point", "coordinates": [350000.0, 5460000.0]}, "not longitude/latitude"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}, "intersects itself"),
        ({"type": "LineString", "coordinates": [[6.7, 49.3], [6.8, 49.4]]}, "not supported"),
        ({**SQUARE, "crs": {"type": "name", "properties": {"name": "EPSG:25832"}}}, "EPSG:25832"),
        ({"type": "FeatureCollection", "features": []}, "0 features"),
    ],
)
def test_invalid_geojson_is_refused_with_a_reason(data, words):
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        validate_geojson(data)
    assert words in " ".join(exc.value.messages)


def test_the_allowed_types_are_the_callers_choice():
    multi = {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"]]}
    assert validate_geojson(multi)[1].geom_type == "MultiPolygon"
    with pytest.raises(ValidationError):
        validate_geojson(multi, types=("Point", "Polygon"))
