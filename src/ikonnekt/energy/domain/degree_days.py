"""Degree days G20/15 after VDI 3807-1 and weather normalisation of the space-heating share.

G20/15 = Σ (20 °C − t_m) over all days with a daily mean temperature t_m < 15 °C (heating
limit 15 °C, indoor 20 °C). Normalisation (VDI 3807-1, section 6):

    E_norm = E · (1 − s) + E · s · G_long-term / G_year

with s the space-heating share: hot water and process heat are not weather dependent.

Alternative of the federal rules for non-residential buildings (Bekanntmachung BMWi/BMI 2021,
section 3.2): the DWD climate factor KF of the building's postcode for the period,

    E_norm = E · (1 − s) + E · s · KF
"""

from collections.abc import Iterable

INDOOR = 20.0
HEATING_LIMIT = 15.0


def degree_day(mean_temperature: float) -> float:
    return INDOOR - mean_temperature if mean_temperature < HEATING_LIMIT else 0.0


def degree_days(temperatures: Iterable[float]) -> float:
    return sum(degree_day(t) for t in temperatures)


def climate_factor(long_term: float, actual: float) -> float:
    if actual <= 0:
        raise ValueError("degree days of the period must be positive")
    return long_term / actual


def normalise(consumption: float, heating_share: float, long_term: float, actual: float) -> float:
    """Weather-normalised consumption; only ``heating_share`` (0–1) is scaled."""
    if not 0 <= heating_share <= 1:
        raise ValueError("heating share must lie between 0 and 1")
    weather = consumption * heating_share
    return consumption - weather + weather * climate_factor(long_term, actual)


def normalise_with_factor(consumption: float, heating_share: float, factor: float) -> float:
    """Weather-normalised consumption with a climate factor; only ``heating_share`` is scaled."""
    if not 0 <= heating_share <= 1:
        raise ValueError("heating share must lie between 0 and 1")
    if factor <= 0:
        raise ValueError("climate factor must be positive")
    weather = consumption * heating_share
    return consumption - weather + weather * factor
