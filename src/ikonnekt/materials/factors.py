"""The emission factor of the heat a biomass plant replaces: the one place green waste reads it.

Green-waste CO2e credits heat from the woody fraction against the heat it replaces. Until the
platform-wide emission factor set (``ikonnekt.reference``, one set per year and method, BISKO) is
merged, the factor is natural gas per Gebäudeenergiegesetz (GEG 2024) Anlage 9: 240 g CO2e/kWh. To
switch green waste to the platform set, change :func:`replaced_heat_emission_factor` only; the plant
form's default, the demo and the "Wie wird das berechnet?" text all read it from here.
"""

REPLACED_HEAT = {
    "kg_per_mwh": 240.0,
    "carrier": "Erdgas",
    "source": "Gebäudeenergiegesetz (GEG 2024), Anlage 9",
    "year": 2024,
}


def replaced_heat_emission_factor(year=None):
    """(kg CO2e per MWh, carrier, source, year) of the heat replaced by biomass heat in ``year``."""
    return dict(REPLACED_HEAT)


def default_heat_ef():
    """Default of ``Plant.heat_ef`` (kg CO2e/MWh)."""
    return replaced_heat_emission_factor()["kg_per_mwh"]
