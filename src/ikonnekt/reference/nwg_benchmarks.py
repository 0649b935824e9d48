"""Comparison values (Vergleichswerte) for the energy consumption of non-residential buildings.

Source: "Bekanntmachung der Regeln für Energieverbrauchswerte und der Vergleichswerte im
Nichtwohngebäudebestand" of 15 April 2021 (BMWi/BMI, BAnz AT 03.05.2021 B1), Anlage 1 Tabelle 1:
partial energy figures (Teilenergiekennwerte, TEK) per building category, kWh/(m²·a), final energy,
per m² net floor area (NGF, the Energiebezugsfläche of Nummer 4), reference climate Potsdam.

Where the numbers come from: the official PDF on bundesanzeiger.de could not be opened here (only its
table of contents was readable). The 52 rows below are the transcription published by the Institut
Wohnen und Umwelt (IWU, which derived these values for the BBSR) in its building simulator:
github.com/IWUGERMANY/DIBS---Dynamic-ISO-Building-Simulator, iso_simulator/auxiliary/TEKs/
TEK_NWG_Vergleichswerte.csv (commit c6d69e4, "Teilenergiekennwerte zur Bildung der Vergleichswerte
gemäß der Bekanntmachung vom 15.04.2021"). The heating and hot-water columns agree row by row with a
second, independent transcription (github.com/Micke-Modes-Heat/Micke-Modes-Heat,
src/lib/vergleichswerte-nwg.js), which also gives the two rules used here:

* Nummer 4: if only the gross floor area is known, A_NGF = 0.85 × A_BGF (the only conversion the
  rules give; a building whose area basis is unknown is not compared);
* Nummer 6.3.1: the heating TEK is scaled with the building size,
  f = 1.46 for A_NGF ≤ 500 m², f = 0.71 for A_NGF ≥ 50,000 m², otherwise f = 4.53 · A_NGF^−0.215 + 0.27
  (f ≈ 1.0 at 5,000 m²); example of the rules (Abbildung 8): administration ≤ 500 m²,
  48.5 × 1.46 = 70.81 kWh/(m²·a).

Comparison value heat        = TEK_heating × f(A_NGF) + TEK_hot water (hot water heated centrally)
Comparison value electricity = Σ TEK ventilation, lighting, cooling, auxiliary energy for cooling,
                               (de)humidification, other — every electricity part of the row.
The composition of the electricity value could not be checked against the text of Nummer 6 of the
rules (the buildings' actual ventilation and cooling are not recorded here), so the electricity
values are flagged approximate; the heat values and the two rules above are the published ones as
transcribed by the two sources. Searched again in 12/2026 (bundesanzeiger.de copy: table of contents
only; the IWU and Micke-Modes-Heat transcriptions: no text of Nummer 6; no other public copy found):
the composition stays unchecked, the flag stays.
"""

import math

SOURCE = (
    "Bekanntmachung der Regeln für Energieverbrauchswerte und der Vergleichswerte im "
    "Nichtwohngebäudebestand vom 15.04.2021 (BMWi/BMI, BAnz AT 03.05.2021 B1), Anlage 1 Tabelle 1"
)
SOURCE_YEAR = 2021
TRANSCRIPTION = (
    "Tabellenwerte nach der Abschrift des IWU (github.com/IWUGERMANY/DIBS---Dynamic-ISO-Building-"
    "Simulator, iso_simulator/auxiliary/TEKs/TEK_NWG_Vergleichswerte.csv); Original-PDF hier nicht geprüft"
)
AREA_BASIS = "ngf"
BGF_TO_NGF = 0.85  # Nummer 4: A_NGF = 0.85 × A_BGF when only the gross floor area is known

# Lfd.-Nr.: (category, heating, hot water, ventilation, built-in lighting, cooling,
#            auxiliary energy for cooling, (de)humidification, other)   kWh/(m²·a) NGF
TABLE = {
    1: ("Verwaltungsgebäude (allgemein)", 48.5, 6.9, 3.2, 10.7, 2.6, 3.1, 0.1, 2.8),
    2: ("Parlaments- und Gerichtsgebäude", 49.9, 6.8, 3.0, 9.5, 1.2, 0.9, 1.7, 0.6),
    3: ("Ministerien, Ämter und Behörden", 48.3, 7.4, 3.7, 10.8, 1.5, 1.2, 1.0, 0.7),
    4: ("Polizeidienstgebäude", 52.4, 7.4, 2.5, 10.4, 0.5, 0.4, 0.0, 0.7),
    5: ("Gebäude für öffentliche Bereitschaftsdienste", 51.6, 10.2, 3.0, 7.8, 0.3, 0.2, 0.0, 4.0),
    6: ("Feuerwehrdienstgebäude", 50.8, 7.1, 3.2, 6.7, 0.3, 0.2, 0.0, 3.7),
    7: ("Bürogebäude", 49.0, 8.1, 4.7, 12.9, 2.9, 2.2, 0.0, 2.8),
    8: ("Bürogebäude – überwiegend Großraumbüros", 47.4, 12.8, 7.3, 16.6, 6.0, 4.3, 0.0, 0.9),
    9: ("Bankgebäude", 48.0, 6.4, 1.6, 10.7, 1.5, 1.1, 0.0, 0.6),
    10: ("Hochschule und Forschung (allgemein)", 66.5, 6.7, 13.3, 11.0, 3.4, 2.2, 3.8, 1.2),
    11: ("Gebäude für Lehre", 57.2, 5.6, 8.7, 8.5, 2.5, 1.5, 0.4, 1.1),
    12: ("Institute für Lehre und Forschung", 65.0, 7.6, 13.8, 11.7, 3.5, 2.4, 14.7, 2.1),
    13: ("Gebäude für Forschung ohne Lehre", 87.8, 7.4, 14.9, 14.8, 3.5, 2.4, 0.0, 1.2),
    14: ("Laborgebäude", 82.8, 8.0, 20.3, 13.5, 4.2, 2.9, 1.7, 1.3),
    15: ("Gesundheitswesen (allgemein)", 55.7, 15.3, 4.9, 17.4, 1.6, 1.3, 0.0, 1.1),
    16: ("Krankenhäuser (ohne Forschung und Lehre)", 64.1, 40.8, 10.4, 15.8, 1.7, 1.6, 0.0, 1.2),
    17: (
        "Krankenhäuser (ohne Forschung und Lehre) und teilstationäre Versorgung",
        61.7,
        33.6,
        9.2,
        15.9,
        1.7,
        1.6,
        0.0,
        0.9,
    ),  # fmt: skip
    18: (
        "Medizinische Einrichtungen für nicht stationäre Versorgung",
        51.2,
        8.6,
        2.2,
        18.3,
        1.4,
        1.0,
        0.0,
        1.3,
    ),
    19: ("Gebäude für Reha, Kur und Genesung", 59.4, 22.1, 6.0, 14.6, 0.9, 0.7, 0.0, 3.5),
    20: ("Bildungseinrichtungen (allgemein)", 49.7, 19.5, 4.1, 5.5, 0.2, 0.2, 0.0, 0.6),
    21: ("Schulen", 49.3, 22.4, 3.9, 5.5, 0.3, 0.2, 0.0, 0.6),
    22: ("Kinderbetreuungseinrichtungen", 50.4, 17.3, 4.2, 5.5, 0.1, 0.1, 0.0, 0.6),
    23: ("Kultureinrichtungen (allgemein)", 55.9, 7.5, 6.7, 9.0, 1.6, 1.2, 0.1, 0.3),
    24: ("Bibliotheken / Archive", 49.0, 5.0, 2.1, 14.3, 0.5, 0.4, 0.0, 0.3),
    25: ("Ausstellungsgebäude", 57.6, 7.7, 6.3, 7.8, 1.7, 1.3, 0.3, 0.2),
    26: ("Veranstaltungsgebäude", 58.4, 9.1, 7.0, 8.9, 1.3, 0.9, 0.1, 0.3),
    27: ("Gemeinschafts- / Gemeindehäuser", 63.6, 10.0, 5.6, 10.8, 0.8, 0.6, 0.1, 6.0),
    28: ("Opern / Theater", 58.8, 7.6, 9.1, 8.6, 2.0, 1.3, 0.0, 0.9),
    29: ("Sporteinrichtungen (allgemein)", 65.5, 27.3, 6.4, 14.5, 0.6, 0.6, 0.0, 1.9),
    30: ("Sporthallen", 68.6, 22.0, 4.6, 14.3, 0.2, 0.2, 0.0, 0.1),
    31: ("Fitnessstudios", 60.6, 62.2, 11.9, 24.5, 4.0, 4.2, 0.0, 8.9),
    32: ("Schwimmhallen", 63.8, 24.7, 8.3, 13.4, 1.1, 1.1, 30.0, 7.3),
    33: ("Gebäude für Sportaußenanlagen", 75.2, 22.5, 5.7, 10.2, 0.0, 0.0, 0.0, 5.5),
    34: ("Verpflegungseinrichtungen (allgemein)", 75.9, 77.7, 16.6, 18.1, 3.5, 3.0, 0.0, 24.8),
    35: ("Beherbergungsstätten (allgemein)", 52.1, 86.0, 9.1, 9.1, 3.3, 2.7, 0.0, 7.0),
    36: ("Hotels / Pensionen", 51.2, 89.1, 9.1, 8.6, 3.5, 2.9, 0.0, 6.8),
    37: ("Jugendherbergen u. Ferienhäuser", 63.4, 50.9, 1.9, 12.6, 0.0, 0.0, 0.0, 8.8),
    38: ("Gaststätten", 77.8, 79.0, 13.7, 19.7, 3.8, 3.3, 0.0, 25.2),
    39: ("Mensen u. Kantinen", 67.0, 67.3, 21.0, 11.4, 0.7, 0.5, 0.0, 22.7),
    40: ("Gewerbliche und industrielle Gebäude (allgemein)", 38.7, 12.6, 2.1, 9.6, 0.8, 0.5, 0.0, 12.2),
    41: (
        "Gewerbliche und industrielle Gebäude – schwere Arbeit, stehende Tätigkeit",
        37.8,
        20.0,
        3.1,
        11.8,
        1.0,
        0.6,
        0.0,
        22.6,
    ),  # fmt: skip
    42: (
        "Gewerbliche und industrielle Gebäude – Mischung aus leichter u. schwerer Arbeit",
        36.0,
        24.2,
        3.8,
        13.0,
        2.1,
        1.2,
        0.0,
        24.9,
    ),  # fmt: skip
    43: (
        "Gewerbliche und industrielle Gebäude – leichte Arbeit, überwiegend sitzende Tätigkeit",
        38.1,
        19.8,
        3.3,
        15.2,
        1.9,
        1.1,
        0.0,
        22.3,
    ),  # fmt: skip
    44: ("Gebäude für Lagerung", 38.1, 19.3, 3.3, 13.2, 1.7, 1.0, 0.0, 21.6),
    45: ("Verkaufsstätten (allgemein)", 47.9, 7.6, 5.6, 16.3, 2.6, 2.0, 0.0, 6.9),
    46: ("Kaufhäuser", 45.9, 6.4, 6.0, 16.6, 1.1, 0.9, 0.0, 2.7),
    47: ("Kaufhauszentren / Einkaufszentren", 47.3, 11.1, 7.4, 16.6, 4.6, 3.5, 0.1, 5.5),
    48: ("Märkte", 48.7, 6.2, 7.3, 17.3, 2.8, 2.1, 0.0, 10.5),
    49: (
        "Märkte mit sehr hohem Anteil von Kühlung für Lebensmittel",
        48.7,
        6.2,
        7.3,
        17.3,
        2.8,
        2.1,
        0.0,
        72.5,
    ),
    50: ("Läden", 46.8, 6.4, 1.9, 15.8, 0.9, 0.7, 0.0, 2.1),
    51: (
        "Läden mit sehr hohem Anteil von Kühlung für Lebensmittel",
        46.8,
        6.4,
        1.9,
        15.8,
        0.9,
        0.7,
        0.0,
        54.1,
    ),
    52: ("Fernmeldetechnik", 38.4, 4.0, 3.4, 16.0, 0.0, 0.0, 0.0, 53.7),
}

# iKonnekt use type → Lfd.-Nr. (iKonnekt's assignment; "other" has no category and is not compared)
USE_TYPE_CATEGORY = {
    "administration": 3,  # town hall: Ministerien, Ämter und Behörden
    "school": 21,
    "kita": 22,
    "sports_hall": 30,
    "fire_station": 6,
    "bauhof": 40,  # building yard: workshops and storage, Gewerbliche und industrielle Gebäude (allgemein)
    "community_centre": 27,
    "swimming_pool": 32,
    "library": 24,
}


def category_label(number: int) -> str:
    return f"Anlage 1 Tabelle 1, Lfd.-Nr. {number}: {TABLE[number][0]}"


def heat_parts(number: int) -> tuple[float, float]:
    """(TEK heating, TEK hot water) of a category, kWh/(m²·a) NGF."""
    row = TABLE[number]
    return row[1], row[2]


def electricity_value(number: int) -> float:
    """Sum of the electricity TEK of a category (ventilation … other), kWh/(m²·a) NGF, one decimal."""
    return round(sum(TABLE[number][3:9]), 1)


def size_factor(area_ngf: float) -> float:
    """Nummer 6.3.1: factor on the heating TEK for the building's net floor area."""
    if area_ngf <= 500:
        return 1.46
    if area_ngf >= 50_000:
        return 0.71
    return 4.53 * math.pow(area_ngf, -0.215) + 0.27


def net_area(area: float, basis: str) -> float | None:
    """The NGF of the building: as recorded (NGF), 0.85 × BGF (Nummer 4), or None (basis unknown)."""
    if basis == "ngf":
        return area
    if basis == "bgf":
        return area * BGF_TO_NGF
    return None
