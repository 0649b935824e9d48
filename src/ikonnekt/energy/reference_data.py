"""Shipped reference data: key-figure guide/limit values.

The table is editable by staff in the admin; the data migration loads these rows once.

Reference values (kWh/(m²·a), NGF; heat weather-normalised, Hi): sample orientation values in
the order of magnitude of VDI 3807-2:2014 guide values and of the comparison values of the
"Bekanntmachung der Regeln für Energieverbrauchswerte und der Vergleichswerte im
Nichtwohngebäudebestand" (BMWi/BMUB, 7 April 2015). Guide value ≈ good practice ("Zielwert"),
limit value ≈ mean of the stock ("Vergleichs-/Grenzwert"). Check them against the current
editions before official use.

Emission factor sets live in the platform-wide ``reference`` app (``reference/factor_data.py``).
"""

REFERENCE_SOURCE = (
    "Orientierungswerte in Anlehnung an VDI 3807-2:2014 und die Vergleichswerte der Bekanntmachung "
    "BMWi/BMUB vom 07.04.2015 (Nichtwohngebäude); iKonnekt-Beispieltabelle, vor amtlicher Nutzung prüfen"
)

# use type: (heat guide, heat limit, electricity guide, electricity limit)
REFERENCE_VALUES = {
    "administration": (65, 105, 20, 35),
    "school": (70, 110, 10, 20),
    "kita": (80, 125, 15, 25),
    "sports_hall": (80, 135, 15, 30),
    "fire_station": (80, 130, 15, 25),
    "bauhof": (85, 140, 15, 30),
    "community_centre": (75, 120, 15, 30),
    "swimming_pool": (300, 550, 100, 200),
    "library": (60, 100, 15, 25),
    "other": (80, 130, 20, 35),
}


def load(ReferenceValue, EmissionFactorSet=None, EmissionFactor=None):
    """Reference values. (Emission factor sets: ``ikonnekt.reference.factor_data``; the two unused
    arguments keep migration energy 0002 working.)"""
    for use_type, (hg, hl, eg, el) in REFERENCE_VALUES.items():
        ReferenceValue.objects.get_or_create(
            use_type=use_type,
            kind="heat",
            defaults={"guide_value": hg, "limit_value": hl, "source": REFERENCE_SOURCE},
        )
        ReferenceValue.objects.get_or_create(
            use_type=use_type,
            kind="electricity",
            defaults={"guide_value": eg, "limit_value": el, "source": REFERENCE_SOURCE},
        )
