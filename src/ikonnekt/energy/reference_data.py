"""Shipped reference data: key-figure guide/limit values and emission factor sets.

Both tables are editable by staff in the admin; the data migration loads these rows once.

Reference values (kWh/(m²·a), NGF; heat weather-normalised, Hi): sample orientation values in
the order of magnitude of VDI 3807-2:2014 guide values and of the comparison values of the
"Bekanntmachung der Regeln für Energieverbrauchswerte und der Vergleichswerte im
Nichtwohngebäudebestand" (BMWi/BMUB, 7 April 2015). Guide value ≈ good practice ("Zielwert"),
limit value ≈ mean of the stock ("Vergleichs-/Grenzwert"). Check them against the current
editions before official use.

Emission factors (g CO2e/kWh, Hi): BISKO = life-cycle values incl. upstream chains in the
order of the ifeu/Klimaschutz-Planer defaults; "direct" = combustion only (UBA CO2 factors,
biogenic CO2 of wood counted as 0; electricity = direct power-plant emissions of the German
mix). Two methods are never mixed in one balance: the set and its year are stored with every
report.
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

BISKO_SOURCE = "Näherungswerte in der Größenordnung der BISKO-Standardfaktoren (ifeu, Klimaschutz-Planer), LCA inkl. Vorketten"
DIRECT_SOURCE = "Näherungswerte nach UBA-CO2-Emissionsfaktoren (nur Verbrennung, biogenes CO2 = 0)"

COMMON_BISKO = {
    "natural_gas": 247,
    "heating_oil": 318,
    "district_heat": 260,
    "wood_chips": 22,
    "wood_pellets": 22,
    "pv_generation": 40,
    "pv_feed_in": 0,
    "water": 0,
}
ELECTRICITY_BISKO = {2020: 478, 2022: 498, 2024: 420, 2030: 250, 2035: 150, 2040: 80}
COMMON_DIRECT = {
    "natural_gas": 201,
    "heating_oil": 266,
    "district_heat": 200,
    "wood_chips": 0,
    "wood_pellets": 0,
    "pv_generation": 0,
    "pv_feed_in": 0,
    "water": 0,
}
ELECTRICITY_DIRECT = {2022: 434, 2024: 363}


def factor_sets():
    """[(name, method, year, source, {carrier: g/kWh})]"""
    sets = []
    for year, el in ELECTRICITY_BISKO.items():
        label = "BISKO" if year <= 2024 else "BISKO-Pfad (Projektion)"
        sets.append((label, "bisko", year, BISKO_SOURCE, {**COMMON_BISKO, "electricity": el}))
    for year, el in ELECTRICITY_DIRECT.items():
        sets.append(
            ("Direkte Emissionen", "direct", year, DIRECT_SOURCE, {**COMMON_DIRECT, "electricity": el})
        )
    return sets


def load(ReferenceValue, EmissionFactorSet, EmissionFactor):
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
    for name, method, year, source, factors in factor_sets():
        fs, _ = EmissionFactorSet.objects.get_or_create(
            method=method, year=year, defaults={"name": name, "source": source}
        )
        for carrier, g in factors.items():
            EmissionFactor.objects.get_or_create(
                factor_set=fs, carrier=carrier, defaults={"grams_per_kwh": g}
            )
