"""Distances: the road-distance estimate used in the market (great circle × detour factor)."""

from ikonnekt.core.geo import DETOUR_FACTOR, haversine_km


def road_km(lat1, lon1, lat2, lon2) -> float | None:
    if None in (lat1, lon1, lat2, lon2):
        return None
    return round(haversine_km(lat1, lon1, lat2, lon2) * DETOUR_FACTOR, 1)
