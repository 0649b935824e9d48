"""Shipped emission factor sets (g CO2e per kWh, net calorific value Hi), each value with source and year.

Three methods, never mixed in one balance:

* ``bisko``: the method for municipal balances (BISKO, ifeu, Kurzfassung 11/2019): life-cycle
  factors with CO2 equivalents and upstream chains, federal electricity mix. The BISKO default
  factor table itself (ifeu / Klimaschutz-Planer) was not found in any accessible publication, so
  the set is filled value by value from what could be checked:
  - natural gas, heating oil, wood chips, wood pellets: the GEMIS 4.95 process values (IINAS, state
    11/2016, CO2e incl. upstream chains, the kind of factor BISKO prescribes) exactly as published in
    the KEA Baden-Württemberg table "CO2-Emissionsfaktoren" (checked: 0.250 / 0.319 / 0.024 /
    0.027 kg CO2e/kWh); not flagged approximate, the source names the process;
  - electricity 2020/2022/2024: the federal mix as a life-cycle factor, UBA Climate Change 16/2026
    ("Entwicklung der spezifischen Treibhausgas-Emissionen des deutschen Strommix in den Jahren
    1990 - 2025", March 2026), table 2, column "THG-Emissionsfaktor mit Vorketten" (g CO2e per kWh of
    German electricity consumption, CO2/CH4/N2O incl. upstream chains): 435 / 503 / 414; the 2024
    value is preliminary ("vorläufig") in that edition and therefore flagged approximate;
  - district heat: the BAFA "Informationsblatt CO2-Faktoren" national default for "Nah-/Fernwärme"
    (0.280 kg CO2/kWh), in place of the local network's factor BISKO asks for;
  - PV generation: no published life-cycle value could be checked (assumption, flagged);
  - electricity 2030–2040: a projected path for quarter concepts; no published g/kWh projection was
    found (assumption, flagged).
* ``direct``: combustion only. Fossil fuels after the UBA CO2 factors (table of 15.04.2020, also
  used by the BAFA "Informationsblatt CO2-Faktoren"); biogenic CO2 of wood counted as 0 (inventory
  convention); electricity = UBA emission factor of the German electricity mix (direct CO2 per kWh;
  UBA Climate Change 20/2023 for 2020–2022; 2024 the UBA's preliminary estimate of 363 g/kWh).
* ``geg``: Gebäudeenergiegesetz, Anlage 9 (zu § 85 Absatz 6) "Umrechnung in Treibhausgasemissionen"
  (BGBl. I 2020 S. 1788–1789, unchanged in GEG 2024): the factors of energy certificates.

Energy (buildings, reports), quarter concepts and green waste (heat replaced by biomass heat) all
read the BISKO set of their year. Staff edit the sets in the admin; ``load`` (data migration)
creates or updates them.
"""

_GEMIS = (
    "IINAS GEMIS 4.95 (Stand 11/2016), CO2e inkl. Vorketten, Prozess „{process}“, wie in der Tabelle "
    "„CO2-Emissionsfaktoren“ der KEA Baden-Württemberg veröffentlicht; anstelle des BISKO-Standardfaktors "
    "(ifeu-Tabelle nicht zugänglich)"
)


def gemis(process):
    return (_GEMIS.format(process=process), 2016)


UBA_FUELS = ("UBA, Tabellarische Aufstellung der abgeleiteten Emissionsfaktoren für CO2 (15.04.2020)", 2020)
BAFA = ("BAFA, Informationsblatt CO2-Faktoren (Werte nach UBA 15.04.2020)", 2020)
UBA_POWER = (
    "UBA, Climate Change 20/2023: Entwicklung der spezifischen Treibhausgas-Emissionen des deutschen "
    "Strommix 1990–2022 (direkte CO2-Emissionen je kWh)",
    2023,
)
UBA_POWER_2024 = (
    "UBA, vorläufige Schätzung des Emissionsfaktors des deutschen Strommix für 2024 (direkte CO2-Emissionen je kWh)",
    None,
)
# Prefix of every value that rests on no published, checked source (tests: such values are flagged).
ASSUMPTION = "Projektannahme ohne geprüfte Quelle"
PV_ASSUMPTION = (f"{ASSUMPTION}: Lebenszyklus-Emissionen von PV-Strom (Herstellung der Module)", None)
POWER_PATH = (
    f"{ASSUMPTION}: projizierter Strompfad (nur für Quartierskonzepte); eine veröffentlichte Projektion "
    "des Strom-Emissionsfaktors in g/kWh wurde nicht gefunden",
    None,
)
_UBA_POWER_LCA = (
    "UBA, Climate Change 16/2026: Entwicklung der spezifischen Treibhausgas-Emissionen des deutschen "
    "Strommix in den Jahren 1990 - 2025 (März 2026), Tabelle 2, Spalte „THG-Emissionsfaktor mit "
    "Vorketten“ (g CO2-Äquivalente/kWh), Jahr {year}{status}: Stromverbrauch (Bruttostromerzeugung "
    "minus Kraftwerkseigenverbrauch, Pumpstrom, Leitungsverluste), CO2, CH4 und N2O inkl. Vorketten"
)


def uba_power_lca(year, preliminary=False):
    status = " (vorläufig)" if preliminary else ""
    return (_UBA_POWER_LCA.format(year=year, status=status), 2026)


DISTRICT_HEAT_BAFA = (
    "BAFA, Informationsblatt CO2-Faktoren (Bundesförderung für Energie- und Ressourceneffizienz in der "
    "Wirtschaft), Tabelle der CO2-Faktoren für Energieträger, Zeile „Nah-/Fernwärme“ 0,280 kg CO2/kWh: "
    "bundesweiter Pauschalwert je kWh gelieferter Wärme; BISKO verlangt den Faktor des örtlichen "
    "Wärmenetzes (vom Netzbetreiber), der ihn ersetzt, sobald er vorliegt",
    2020,
)
CONVENTION = ("Konvention: biogenes CO2 = 0 (UBA-Emissionsinventar), ohne Vorketten", None)
NONE = ("Konvention: kein Emissionsfaktor (keine Verbrennung)", None)

BISKO_SOURCE = (
    "BISKO (ifeu, Kurzfassung 11/2019): LCA-Faktoren mit Äquivalenten und Vorketten, Bundesstrommix; "
    "Brennstoffe nach GEMIS 4.95 (KEA-BW-Tabelle), Strom nach UBA Climate Change 16/2026 (mit Vorketten), "
    "Fernwärme nach BAFA-Informationsblatt; PV und Strompfad ab 2030 Projektannahmen"
)
DIRECT_SOURCE = "Direkte CO2-Emissionen der Verbrennung (UBA 2020, Strommix UBA 2023), biogenes CO2 = 0"

# carrier: (g/kWh, (source, year), approximate)
BISKO_FUELS = {
    "natural_gas": (250, gemis("Erdgas-Hzg. 100 %"), False),
    "heating_oil": (319, gemis("Heizöl-Hzg. 100 %"), False),
    "wood_chips": (24, gemis("Holz-HS-Hzg. 100 %"), False),
    "wood_pellets": (27, gemis("Holz-Pellets-Hzg. 100 %"), False),
    "district_heat": (280, DISTRICT_HEAT_BAFA, False),
    "pv_generation": (40, PV_ASSUMPTION, True),
    "pv_feed_in": (0, NONE, False),
    "water": (0, NONE, False),
}
# BISKO electricity (federal mix, LCA): year: (g CO2e/kWh, (source, year), approximate).
# 2020–2024: UBA Climate Change 16/2026, table 2, "THG-Emissionsfaktor mit Vorketten" (2024 preliminary);
# 2030–2040: a projected path for quarter concepts (assumption, no published projection found).
BISKO_ELECTRICITY = {
    2020: (435, uba_power_lca(2020), False),
    2022: (503, uba_power_lca(2022), False),
    2024: (414, uba_power_lca(2024, preliminary=True), True),
    2030: (250, POWER_PATH, True),
    2035: (150, POWER_PATH, True),
    2040: (80, POWER_PATH, True),
}

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


def geg(row):
    return (f"Gebäudeenergiegesetz (GEG 2024), Anlage 9 Nr. 3, Zeile {row} (BGBl. I 2020 S. 1788)", 2020)


GEG_SOURCE = "GEG Anlage 9 (zu § 85 Abs. 6): Umrechnung in Treibhausgasemissionen, g CO2e je kWh Endenergie"
GEG_FACTORS = {
    "heating_oil": (310, geg(1), False),
    "natural_gas": (240, geg(2), False),
    "electricity": (560, geg(12), False),  # grid electricity
    "district_heat": (180, geg(21), False),  # CHP share >= 70 %, gaseous/liquid fuels (most common case)
    "wood_chips": (20, geg(11), False),  # "Holz"
    "wood_pellets": (20, geg(11), False),
    "pv_generation": (0, geg(13), False),  # electricity generated on/near the building (PV, wind)
    "pv_feed_in": (0, NONE, False),
    "water": (0, NONE, False),
}

# UBA emission factor of the German electricity mix (g CO2/kWh); 2024: the UBA's preliminary estimate
DIRECT_ELECTRICITY = {2020: (369, False), 2021: (410, False), 2022: (434, False), 2024: (363, True)}


def factor_sets():
    """[(name, method, year, set source, {carrier: (g/kWh, source, source year, approximate)})]"""
    sets = []
    for year, (el, power, el_approx) in BISKO_ELECTRICITY.items():
        values = {c: (g, src[0], src[1], approx) for c, (g, src, approx) in BISKO_FUELS.items()}
        values["electricity"] = (el, power[0], power[1], el_approx)
        name = "BISKO" if year <= 2024 else "BISKO-Pfad (Projektion)"
        sets.append((name, "bisko", year, BISKO_SOURCE, values))
    for year, (el, approx) in DIRECT_ELECTRICITY.items():
        values = {c: (g, src[0], src[1], a) for c, (g, src, a) in DIRECT_FUELS.items()}
        source = UBA_POWER if not approx else UBA_POWER_2024
        values["electricity"] = (el, source[0], source[1], approx)
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
