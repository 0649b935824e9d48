"""Inhabitants, area and official municipality key (AGS) of the 13 municipalities of Landkreis Saarlouis.

Reference date: 31.12.2023 (population update on the basis of the 2022 census, Statistisches Amt
Saarland). The figures were taken from the municipalities' infoboxes in the German Wikipedia, which cite
the Statistisches Amt Saarland; every row names where its figure comes from. For six municipalities no
31.12.2023 figure was found while this table was compiled: they carry the latest published figure
found, rounded ("gerundet"), and Wallerfangen the remainder to the official district total (195.945 on
31.12.2023), so that the district's figure is exactly the sum of its municipalities. Areas are the
cadastral areas (km²) of the same infoboxes; their sum (459,32 km²) differs from the district's
published 459,35 km² by rounding.

The district's inhabitants and area in the demo are computed as the sum of this table
(:func:`district_totals`), never entered separately.
"""

from datetime import date

REFERENCE_DATE = date(2023, 12, 31)
DISTRICT_OFFICIAL_2023 = 195_945  # Landkreis Saarlouis, 31.12.2023 (Statistisches Amt Saarland)

_AMT = "Statistisches Amt Saarland, Bevölkerung am 31.12.2023 (Fortschreibung Zensus 2022), zitiert nach Wikipedia"


def _rounded(latest):
    return f"gerundet, Stand 31.12.2023 (Demo-Annahme; zuletzt gefundene amtliche Zahl: {latest})"


# slug: (AGS, inhabitants, area km², source of the inhabitants figure)
MUNICIPALITIES = {
    "bous": ("10044122", 7060, 7.63, _rounded("7.055 am 31.12.2022")),
    "dillingen": ("10044111", 19941, 22.05, _AMT),
    "ensdorf": ("10044123", 6652, 8.39, _AMT),
    "lebach": ("10044112", 19108, 64.21, _AMT),
    "nalbach": ("10044113", 9101, 22.43, _AMT),
    "rehlingen-siersburg": ("10044114", 14720, 61.24, _rounded("14.932 am 31.12.2024")),
    "saarlouis": ("10044115", 34893, 43.30, _AMT),
    "saarwellingen": ("10044116", 13300, 41.67, _rounded("13.302 am 31.12.2022")),
    "schmelz": ("10044117", 16343, 58.62, _AMT),
    "schwalbach": ("10044118", 17208, 27.37, _AMT),
    "ueberherrn": ("10044119", 11560, 34.31, _rounded("11.564 am 31.12.2022")),
    "wadgassen": ("10044120", 17020, 25.93, _rounded("17.016 am 31.12.2022")),
    "wallerfangen": (
        "10044121",
        9039,
        42.17,
        "Rest zur amtlichen Kreissumme 195.945 am 31.12.2023 (Demo-Annahme; zuletzt gefundene amtliche "
        "Zahl: 9.183 am 31.12.2019)",
    ),
}


def district_totals():
    """(inhabitants, area km²) of the district as the sum of its municipalities."""
    inhabitants = sum(row[1] for row in MUNICIPALITIES.values())
    area = round(sum(row[2] for row in MUNICIPALITIES.values()), 2)
    return inhabitants, area


DISTRICT_SOURCE = "Summe der 13 Gemeinden (Stand 31.12.2023)"
