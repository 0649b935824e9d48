"""Regional value of the market: share of sales staying in the region, producer → pickup km.

"In the region" means: the producer's business profile lies within ``REGION_RADIUS_KM`` of the
district's centre (Landkreis Saarlouis, 49.3136 N 6.7519 E), i.e. the district and its
immediate neighbourhood. Sales are the gross goods values of placed (not cancelled) orders.
"""

from decimal import Decimal

from ikonnekt.core.geo import haversine_km
from ikonnekt.market.geo import road_km

DISTRICT_CENTRE = (49.3136, 6.7519)
REGION_RADIUS_KM = 30.0


def is_regional(lat, lon, centre=DISTRICT_CENTRE, radius=REGION_RADIUS_KM) -> bool:
    if lat is None or lon is None:
        return False
    return haversine_km(lat, lon, *centre) <= radius


def regional_value(rows):
    """``rows``: dicts with goods (Decimal), producer_lat/lon, pickup_lat/lon.

    Returns total sales, regional sales, their share (0..1) and the sales-weighted mean road
    distance from producer to pickup point (km)."""
    total = regional = Decimal(0)
    weighted_km = Decimal(0)
    km_weight = Decimal(0)
    for r in rows:
        goods = Decimal(r["goods"])
        total += goods
        if is_regional(r.get("producer_lat"), r.get("producer_lon")):
            regional += goods
        km = road_km(r.get("producer_lat"), r.get("producer_lon"), r.get("pickup_lat"), r.get("pickup_lon"))
        if km is not None:
            weighted_km += goods * Decimal(str(km))
            km_weight += goods
    return {
        "total": total,
        "regional": regional,
        "share": (regional / total) if total else Decimal(0),
        "mean_km": (weighted_km / km_weight).quantize(Decimal("0.1")) if km_weight else None,
    }
