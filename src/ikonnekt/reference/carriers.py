"""The known energy carriers: what the platform needs to know of each, in one table.

A new carrier goes in three places (docs/DEVELOPING.md): its code and label in
``reference.models.Carrier`` (with a migration for the choices), its row here, and its emission
factor in every shipped set in ``reference.factor_data``. ``tests/test_kinds.py`` fails when one is
missing; a code without a row is refused (``core.kinds.UnknownKind``), never given a default.

Sources of the columns:
* ``hs_hi``: ratio of gross to net calorific value (Brennwert/Heizwert), DIN V 18599-1:2018-09,
  Tabelle B.1 (natural gas 1.11, heating oil 1.06, wood 1.08); carriers without a calorific basis
  (electricity, district heat, water, PV) have 1 by definition, written out here.
* ``primary_factor``: non-renewable primary-energy factor, GEG 2024 Anlage 4 (natural gas and
  heating oil 1.1, grid electricity 1.8, wood 0.2, district heat from fossil CHP 0.7); None where
  the table has no row (water, PV counts): asking for it is an error.
"""

from dataclasses import dataclass

from ikonnekt.core.kinds import UnknownKind, kind_of


@dataclass(frozen=True)
class CarrierKind:
    heat: bool  # a heating carrier: summed into heat, weather-normalised, with a heat key figure
    hs_hi: float  # Hs/Hi ratio (1.0: no calorific basis)
    primary_factor: float | None  # GEG Anlage 4, non-renewable


CARRIERS = {
    "electricity": CarrierKind(heat=False, hs_hi=1.0, primary_factor=1.8),
    "natural_gas": CarrierKind(heat=True, hs_hi=1.11, primary_factor=1.1),
    "heating_oil": CarrierKind(heat=True, hs_hi=1.06, primary_factor=1.1),
    "district_heat": CarrierKind(heat=True, hs_hi=1.0, primary_factor=0.7),
    "wood_chips": CarrierKind(heat=True, hs_hi=1.08, primary_factor=0.2),
    "wood_pellets": CarrierKind(heat=True, hs_hi=1.08, primary_factor=0.2),
    "water": CarrierKind(heat=False, hs_hi=1.0, primary_factor=None),
    "pv_generation": CarrierKind(heat=False, hs_hi=1.0, primary_factor=None),
    "pv_feed_in": CarrierKind(heat=False, hs_hi=1.0, primary_factor=None),
}

HEAT_CARRIERS = frozenset(code for code, kind in CARRIERS.items() if kind.heat)


def carrier(code: str) -> CarrierKind:
    """The row of ``code``; an unknown carrier raises ``UnknownKind``."""
    return kind_of(CARRIERS, code, what="energy carrier", where="reference.carriers.CARRIERS")


def hs_hi_ratio(code: str) -> float:
    return carrier(code).hs_hi


def primary_factor(code: str) -> float:
    factor = carrier(code).primary_factor
    if factor is None:
        raise UnknownKind(f"GEG Anlage 4 gives no primary-energy factor for {code!r} (reference.carriers).")
    return factor
