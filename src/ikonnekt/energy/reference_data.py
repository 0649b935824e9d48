"""Shipped reference data: key-figure guide/limit values.

The table is editable by staff in the admin; the data migration loads these rows once.

Reference values (kWh/(m²·a), NGF; heat weather-normalised, Hi): ASSUMPTIONS, not published values.
The issue asks for the comparison values of the "Bekanntmachung der Regeln für Energieverbrauchswerte
und der Vergleichswerte im Nichtwohngebäudebestand" (BMWi/BMI, 15 April 2021, BAnz AT 03.05.2021 B1);
their table values could not be obtained here, so the rows are flagged ``approximate`` and labelled
"Annahme" on every page until staff enter the published values (with table, category and year) in
the admin. No NGF/BGF conversion is applied: the conversion factors of those rules were not available
either, so a building whose area basis differs from the table's is not compared.

Emission factor sets live in the platform-wide ``reference`` app (``reference/factor_data.py``).
"""

REFERENCE_SOURCE = (
    "Annahme: iKonnekt-Beispieltabelle (Größenordnung VDI 3807-2), NICHT die Vergleichswerte der "
    "Bekanntmachung BMWi/BMI vom 15.04.2021; die veröffentlichten Tabellenwerte waren nicht verfügbar"
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
