"""Unit conversion to kWh and the explicit Hs/Hi (Brennwert/Heizwert) step.

Gas is billed in kWh on the gross calorific value (Hs):  kWh_Hs = m³ × Zustandszahl × Hs.
Balances, key figures and emission factors (BISKO) use the net calorific value (Hi). A silent
mix is a ~10 % error for natural gas, so every conversion names its basis.

Ratios Hs/Hi per carrier after DIN V 18599-1:2018-09, Tabelle B.1, in the carrier table
``reference.carriers`` (an unknown carrier is an error there, not a ratio of 1.0).
"""

from ikonnekt.reference.carriers import hs_hi_ratio


def gas_volume_to_kwh(volume_m3: float, state_number: float, calorific_value: float) -> float:
    """m³ at operating conditions → kWh on the basis the calorific value is given in."""
    return float(volume_m3) * float(state_number) * float(calorific_value)


def to_hi(kwh: float, carrier: str, basis: str) -> float:
    """kWh on ``basis`` ("hs" or "hi") → kWh on the net calorific value (Hi)."""
    if basis == "hs":
        return float(kwh) / hs_hi_ratio(carrier)
    return float(kwh)


def to_hs(kwh: float, carrier: str, basis: str) -> float:
    if basis == "hi":
        return float(kwh) * hs_hi_ratio(carrier)
    return float(kwh)


UNIT_TO_KWH = {"kWh": 1.0, "MWh": 1000.0}


def unit_factor(unit: str, conversion_factor: float, state_number=None, calorific_value=None) -> float:
    """kWh per counted unit (on the meter's calorific basis)."""
    if unit in UNIT_TO_KWH:
        return UNIT_TO_KWH[unit]
    if unit == "m3" and state_number and calorific_value:
        return float(state_number) * float(calorific_value)
    return float(conversion_factor)
