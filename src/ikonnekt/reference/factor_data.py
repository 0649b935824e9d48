"""Shipped emission factor sets (g CO2e per kWh, net calorific value Hi), each value with source and year.

Two methods, never mixed in one balance:

* ``bisko``: the method for municipal balances (BISKO, ifeu 2019): life-cycle factors with CO2
  equivalents and upstream chains, federal electricity mix. The fuel values are the GEMIS 4.95
  process values (IINAS, as published by KEA Baden-Württemberg, state 11/2016), which are of the
  kind BISKO prescribes (CO2e incl. upstream chains); they stand in for the BISKO default table,
  which was not accessible, so they are flagged ``approximate``. The electricity values per year
  and the district-heat value could not be checked against a published table either: approximate.
* ``direct``: combustion only. Fossil fuels after the UBA CO2 factors (table of 15.04.2020, also
  used by the BAFA "Informationsblatt CO2-Faktoren"); biogenic CO2 of wood counted as 0 (inventory
  convention); electricity = UBA emission factor of the German electricity mix (direct CO2 per kWh;
  UBA Climate Change 20/2023 for 2020–2022; the 2024 value is an unchecked estimate).

* ``geg``: Gebäudeenergiegesetz, Anlage 9 (zu § 85 Absatz 6) "Umrechnung in Treibhausgasemissionen"
  (BGBl. I 2020 S. 1788–1789, unchanged in GEG 2024): the factors of energy certificates; green
  waste credits replaced heat with the natural-gas value of this set (240 g/kWh).

Staff edit the sets in the admin; ``load`` (data migration) creates or updates them.
"""

GEMIS = ("IINAS GEMIS 4.95 (Stand 11/2016), CO2e inkl. Vorketten, veröffentlicht von der KEA-BW", 2016)
UBA_FUELS = ("UBA, Tabellarische Aufstellung der abgeleiteten Emissionsfaktoren für CO2 (15.04.2020)", 2020)
BAFA = ("BAFA, Informationsblatt CO2-Faktoren (Werte nach UBA 15.04.2020)", 2020)
UBA_POWER = (
    "UBA, Climate Change 20/2023: Entwicklung der spezifischen Treibhausgas-Emissionen des deutschen "
    "Strommix 1990–2022 (direkte CO2-Emissionen je kWh)",
    2023,
)
APPROX = (
    "Näherungswert in der Größenordnung der BISKO-Standardfaktoren (ifeu, Klimaschutz-Planer); "
    "Originaltabelle nicht geprüft",
    None,
)
CONVENTION = ("Konvention: biogenes CO2 = 0 (UBA-Emissionsinventar), ohne Vorketten", None)
NONE = ("Konvention: kein Emissionsfaktor (keine Verbrennung)", None)

BISKO_SOURCE = (
    "BISKO (ifeu, Kurzfassung 11/2019): LCA-Faktoren mit Äquivalenten und Vorketten, Bundesstrommix; "
    "Brennstoffe nach GEMIS 4.95, Strom und Fernwärme Näherungswerte"
)
DIRECT_SOURCE = "Direkte CO2-Emissionen der Verbrennung (UBA 2020, Strommix UBA 2023), biogenes CO2 = 0"

# carrier: (g/kWh, (source, year), approximate)
BISKO_FUELS = {
    "natural_gas": (250, GEMIS, True),
    "heating_oil": (319, GEMIS, True),
    "wood_chips": (24, GEMIS, True),
    "wood_pellets": (27, GEMIS, True),
    "district_heat": (260, APPROX, True),
    "pv_generation": (40, APPROX, True),
    "pv_feed_in": (0, NONE, False),
    "water": (0, NONE, False),
}
# BISKO electricity (federal mix, LCA): approximate; 2030–2040 are a projected path for quarter concepts
BISKO_ELECTRICITY = {2020: 478, 2022: 498, 2024: 420, 2030: 250, 2035: 150, 2040: 80}

DIRECT_FUELS = {
    "natural_gas": (201, BAFA, False),
    "heating_oil": (266, BAFA, False),
    "district_heat": (280, BAFA, False),
    "wood_chips": (0, CONVENTION, False),
    "wood_pellets": (0, CONVENTION, False),
    "pv_generation": (0, NONE, False),
    "pv_feed_in": (0, NONE, False),
    "water": (0, NONE, False),
}
GEG9 = ("Gebäudeenergiegesetz (GEG 2024), Anlage 9 Nr. 3 (BGBl. I 2020 S. 1788)", 2020)
GEG_SOURCE = "GEG Anlage 9 (zu § 85 Abs. 6): Umrechnung in Treibhausgasemissionen, g CO2e je kWh Endenergie"
GEG_FACTORS = {
    "heating_oil": (310, GEG9, False),  # Nr. 1
    "natural_gas": (240, GEG9, False),  # Nr. 2
    "electricity": (560, GEG9, False),  # Nr. 12, grid electricity
    "district_heat": (180, GEG9, False),  # Nr. 21, CHP share >= 70 %, gaseous/liquid fuels (most common case)
    "wood_chips": (20, GEG9, True),  # "Holz": row not checked against the original table
    "wood_pellets": (20, GEG9, True),
    "pv_generation": (0, GEG9, True),  # electricity generated on/near the building
    "pv_feed_in": (0, NONE, False),
    "water": (0, NONE, False),
}

# UBA emission factor of the German electricity mix (g CO2/kWh); 2024: estimate, not checked
DIRECT_ELECTRICITY = {2020: (369, False), 2021: (410, False), 2022: (434, False), 2024: (363, True)}


def factor_sets():
    """[(name, method, year, set source, {carrier: (g/kWh, source, source year, approximate)})]"""
    sets = []
    for year, el in BISKO_ELECTRICITY.items():
        values = {c: (g, src[0], src[1], approx) for c, (g, src, approx) in BISKO_FUELS.items()}
        values["electricity"] = (el, APPROX[0] + (" (Projektion)" if year > 2024 else ""), None, True)
        name = "BISKO" if year <= 2024 else "BISKO-Pfad (Projektion)"
        sets.append((name, "bisko", year, BISKO_SOURCE, values))
    for year, (el, approx) in DIRECT_ELECTRICITY.items():
        values = {c: (g, src[0], src[1], a) for c, (g, src, a) in DIRECT_FUELS.items()}
        power_source = (
            UBA_POWER[0] if not approx else "UBA, Schätzung des Strommix-Emissionsfaktors; nicht geprüft"
        )
        values["electricity"] = (el, power_source, UBA_POWER[1] if not approx else None, approx)
        sets.append(("Direkte Emissionen", "direct", year, DIRECT_SOURCE, values))
    geg = {c: (g, src[0], src[1], a) for c, (g, src, a) in GEG_FACTORS.items()}
    sets.append(("GEG Anlage 9", "geg", 2024, GEG_SOURCE, geg))
    return sets


def load(EmissionFactorSet, EmissionFactor):
    """Create or update the shipped sets (idempotent; values edited later in the admin are reset)."""
    for name, method, year, source, values in factor_sets():
        fs, _ = EmissionFactorSet.objects.update_or_create(
            method=method, year=year, defaults={"name": name, "source": source}
        )
        for carrier, (grams, src, src_year, approximate) in values.items():
            EmissionFactor.objects.update_or_create(
                factor_set=fs,
                carrier=carrier,
                defaults={
                    "grams_per_kwh": grams,
                    "source": src,
                    "source_year": src_year,
                    "approximate": approximate,
                },
            )
