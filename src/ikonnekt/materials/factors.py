"""The emission factor of the heat a biomass plant replaces: the one place green waste reads it.

Green-waste CO2e credits heat from the woody fraction against the heat it replaces: natural gas,
taken from the platform-wide emission factor sets (``ikonnekt.reference``) in the BISKO set of the
scenario's year (the method for municipal balances; 250 g CO2e/kWh, GEMIS 4.95 "Erdgas-Hzg. 100 %"),
the same set and value energy and quarter concepts use for the same carrier. The plant form's
default, the demo and the "Wie wird das berechnet?" text all read it from here.
"""

from ikonnekt.reference.factors import factor
from ikonnekt.reference.models import Carrier

REPLACED_CARRIER = "natural_gas"
REPLACED_METHOD = "bisko"


def replaced_heat_emission_factor(year=None):
    """{kg_per_mwh, carrier, source, year} of the heat replaced by biomass heat in ``year``."""
    f = factor(REPLACED_CARRIER, year or 2024, REPLACED_METHOD)
    return {
        "kg_per_mwh": f.kg_per_mwh,
        "carrier": str(Carrier(REPLACED_CARRIER).label),
        "source": f"{f.set_name}: {f.source}",
        "year": f.source_year or f.set_year,
    }


def default_heat_ef():
    """Default of ``Plant.heat_ef`` (kg CO2e/MWh)."""
    return replaced_heat_emission_factor()["kg_per_mwh"]
