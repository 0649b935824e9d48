"""Exchange queries without web code: saved-search matching and outcome statistics."""

from collections import defaultdict
from decimal import Decimal

from ikonnekt.market.geo import road_km
from ikonnekt.market.matching import avoided_co2e_t, transport_co2e_kg


def search_matches(search, listing) -> bool:
    """Does ``listing`` match the saved ``search`` (type, code prefix, words, distance)?"""
    if search.kind and search.kind != listing.kind:
        return False
    if search.code_prefix and not listing.waste_code.code.startswith(search.code_prefix):
        return False
    if search.text:
        haystack = f"{listing.title} {listing.description} {listing.waste_code.title}".lower()
        if not all(word in haystack for word in search.text.lower().split()):
            return False
    if search.near_id and search.max_km:
        km = road_km(
            search.near.latitude,
            search.near.longitude,
            listing.municipality.latitude,
            listing.municipality.longitude,
        )
        if km is None or km > search.max_km:
            return False
    return True


def outcome_summary(deals, active_listings):
    """``deals``: dicts with code, tonnes, transport_km; ``active_listings``: dicts with code.

    Returns tonnes diverted, CO2e avoided (t), transport CO2e (t) and counts per material group
    (AVV chapter)."""
    by_chapter = defaultdict(lambda: {"tonnes": Decimal(0), "avoided": Decimal(0), "deals": 0, "active": 0})
    transport = Decimal(0)
    for d in deals:
        entry = by_chapter[d["code"][:2]]
        entry["tonnes"] += Decimal(d["tonnes"])
        entry["avoided"] += avoided_co2e_t(d["code"], d["tonnes"])
        entry["deals"] += 1
        transport += transport_co2e_kg(d["tonnes"], d["transport_km"]) / 1000
    for item in active_listings:
        by_chapter[item["code"][:2]]["active"] += 1
    tonnes = sum((e["tonnes"] for e in by_chapter.values()), Decimal(0))
    avoided = sum((e["avoided"] for e in by_chapter.values()), Decimal(0))
    return {
        "tonnes": tonnes,
        "avoided_t": avoided,
        "transport_t": transport.quantize(Decimal("0.001")),
        "net_avoided_t": (avoided - transport).quantize(Decimal("0.001")),
        "by_chapter": dict(sorted(by_chapter.items())),
    }
