"""Distances: great-circle distance and the road-distance estimate used in the market."""

import math

EARTH_RADIUS_KM = 6371.0088
# Roads are longer than the straight line; 1.3 is a common planning factor for rural Germany.
DETOUR_FACTOR = 1.3


def haversine_km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def road_km(lat1, lon1, lat2, lon2) -> float | None:
    if None in (lat1, lon1, lat2, lon2):
        return None
    return round(haversine_km(lat1, lon1, lat2, lon2) * DETOUR_FACTOR, 1)
