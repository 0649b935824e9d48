"""Matching offers and wanted listings, transport distance and CO2e estimates (no web code).

Ranking of a counterpart for a listing (offer ↔ wanted):

1. code level: the same 6-digit AVV entry (3) beats the same 4-digit group (2) beats the
   same 2-digit chapter (1); other codes are no match;
2. time: the availability windows [available_from, valid_until] must overlap;
3. quantity: ratio min/max of the two quantities (1 = same amount), only in the same unit,
   otherwise 0;
4. distance: shorter estimated road distance first.

Sorted by (level desc, quantity ratio desc, distance asc).
"""

from dataclasses import dataclass
from decimal import Decimal

from ikonnekt.core.kinds import kind_of
from ikonnekt.market.geo import road_km

# The listing type a listing is matched with (offer ↔ wanted). A new type (ListingKind) needs its
# row here, or suggest() refuses it instead of treating it as an offer.
COUNTERPART = {"offer": "wanted", "wanted": "offer"}

# kg CO2e per tonne-kilometre, heavy goods vehicle (> 3.5 t), rounded from the German Federal
# Environment Agency's TREMOD emission factors for road freight (Umweltbundesamt, Emissionsdaten
# Güterverkehr, reference year 2019: about 111 g CO2e/tkm).
TRUCK_KG_CO2E_PER_TKM = Decimal("0.111")

# Avoided emissions per tonne when a material is reused instead of primary material — rough
# planning factors per AVV chapter (t CO2e per t). These are the platform's documented default
# assumptions (order of magnitude from substitution of primary material), to be replaced by the
# district's own factors; see docs/market.md.
AVOIDED_T_CO2E_PER_T = {
    "02": Decimal("0.10"),  # agricultural and food residues (feed/compost instead of disposal)
    "03": Decimal("0.30"),  # wood processing residues (substituting virgin wood products)
    "15": Decimal("0.50"),  # packaging (reuse of pallets, containers)
    "17": Decimal("0.02"),  # construction and demolition: soil, rubble (substituting gravel)
    "19": Decimal("0.05"),  # treated waste, compost
    "20": Decimal("0.10"),  # municipal waste incl. green waste
}
DEFAULT_AVOIDED_T_CO2E_PER_T = Decimal("0.05")


def code_level(a: str, b: str) -> int:
    if a == b:
        return 3
    if a[:4] == b[:4]:
        return 2
    if a[:2] == b[:2]:
        return 1
    return 0


def windows_overlap(a_from, a_until, b_from, b_until) -> bool:
    return a_from <= b_until and b_from <= a_until


def quantity_ratio(q1, unit1, q2, unit2) -> float:
    if unit1 != unit2 or q1 <= 0 or q2 <= 0:
        return 0.0
    return float(min(q1, q2) / max(q1, q2))


def transport_co2e_kg(tonnes, km) -> Decimal:
    if km is None:
        return Decimal(0)
    return (Decimal(tonnes) * Decimal(str(km)) * TRUCK_KG_CO2E_PER_TKM).quantize(Decimal("0.1"))


def avoided_co2e_t(code: str, tonnes) -> Decimal:
    factor = AVOIDED_T_CO2E_PER_T.get(code[:2], DEFAULT_AVOIDED_T_CO2E_PER_T)
    return (Decimal(tonnes) * factor).quantize(Decimal("0.001"))


def to_tonnes(quantity, unit):
    """Mass for CO2e estimates; m³ and pieces have no mass without a density, so None."""
    if unit == "t":
        return Decimal(quantity)
    if unit == "kg":
        return Decimal(quantity) / 1000
    return None


@dataclass(frozen=True)
class Candidate:
    id: int
    kind: str
    code: str
    quantity: Decimal
    unit: str
    available_from: object
    valid_until: object
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    level: int
    quantity_ratio: float
    km: float | None
    co2e_kg: Decimal

    @property
    def sort_key(self):
        return (-self.level, -self.quantity_ratio, self.km if self.km is not None else float("inf"))


def suggest(listing: Candidate, candidates, limit=10, max_km=None):
    """Counterparts of ``listing`` among ``candidates``, best first."""
    wanted_kind = kind_of(COUNTERPART, listing.kind, what="listing type", where="market.matching.COUNTERPART")
    result = []
    for c in candidates:
        if c.id == listing.id or c.kind != wanted_kind:
            continue
        level = code_level(listing.code, c.code)
        if not level:
            continue
        if not windows_overlap(listing.available_from, listing.valid_until, c.available_from, c.valid_until):
            continue
        km = road_km(listing.lat, listing.lon, c.lat, c.lon)
        if max_km is not None and km is not None and km > max_km:
            continue
        ratio = quantity_ratio(listing.quantity, listing.unit, c.quantity, c.unit)
        moved = min(listing.quantity, c.quantity) if ratio else listing.quantity
        tonnes = to_tonnes(moved, listing.unit)
        co2 = transport_co2e_kg(tonnes, km) if tonnes is not None else Decimal(0)
        result.append(Suggestion(c, level, ratio, km, co2))
    result.sort(key=lambda s: s.sort_key)
    return result[:limit]
