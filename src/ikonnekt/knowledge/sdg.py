"""The 17 Sustainable Development Goals with their official colours.

Source: United Nations, "Sustainable Development Goals – Guidelines for the use of the SDG logo
including the colour wheel, and 17 icons" (colour codes per goal); German short titles as used by
the Bundesregierung (https://www.bundesregierung.de/breg-de/themen/nachhaltigkeitspolitik).
"""

from django.utils.translation import gettext_lazy as _

from ikonnekt.core.contrast import text_colour_on

# number: (title, official colour)
SDGS = {
    1: (_("No poverty"), "#E5243B"),
    2: (_("Zero hunger"), "#DDA63A"),
    3: (_("Good health and well-being"), "#4C9F38"),
    4: (_("Quality education"), "#C5192D"),
    5: (_("Gender equality"), "#FF3A21"),
    6: (_("Clean water and sanitation"), "#26BDE2"),
    7: (_("Affordable and clean energy"), "#FCC30B"),
    8: (_("Decent work and economic growth"), "#A21942"),
    9: (_("Industry, innovation and infrastructure"), "#FD6925"),
    10: (_("Reduced inequalities"), "#DD1367"),
    11: (_("Sustainable cities and communities"), "#FD9D24"),
    12: (_("Responsible consumption and production"), "#BF8B2E"),
    13: (_("Climate action"), "#3F7E44"),
    14: (_("Life below water"), "#0A97D9"),
    15: (_("Life on land"), "#56C02B"),
    16: (_("Peace, justice and strong institutions"), "#00689D"),
    17: (_("Partnerships for the goals"), "#19486A"),
}


def sdg_title(number: int):
    return SDGS[number][0]


def sdg_colour(number: int) -> str:
    return SDGS[number][1]


def sdg_text_colour(number: int) -> str:
    """White or black text, whichever reaches WCAG contrast (>= 4.5:1) on the official colour."""
    return text_colour_on(sdg_colour(number))
