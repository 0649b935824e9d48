"""The one SDG reference: the 17 Sustainable Development Goals and their 169 targets.

Goals: number, short title (translated through the catalogue; German as used by the
Bundesregierung, https://www.bundesregierung.de/breg-de/themen/nachhaltigkeitspolitik) and the
official colour (United Nations, "Sustainable Development Goals – Guidelines for the use of the
SDG logo including the colour wheel, and 17 icons"). Targets: the full wording in German and
English, ``reference.sdg_targets`` (source and licence there). Planning's SDG tables, knowledge's
article tags and the SDG points of assessment catalogues all read this module.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ikonnekt.core.contrast import text_colour_on
from ikonnekt.reference.sdg_targets import TARGETS

# number: (short title, official colour)
GOALS = {
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
SDG_NUMBERS = tuple(GOALS)
SDG_TITLES = {number: title for number, (title, _colour) in GOALS.items()}
SDG_COLOURS = {number: colour for number, (_title, colour) in GOALS.items()}


def sdg_title(number: int):
    return GOALS[number][0]


def sdg_colour(number: int) -> str:
    return GOALS[number][1]


def sdg_text_colour(number: int) -> str:
    """White or black text, whichever reaches WCAG contrast (>= 4.5:1) on the official colour."""
    return text_colour_on(sdg_colour(number))


def target_title(code: str, language: str | None = None) -> str:
    """The full wording of target ``code`` (e.g. "11.3") in German, or English for other languages."""
    german, english = TARGETS[code]
    return german if (language or get_language() or "de").startswith("de") else english


def targets():
    """``(goal number, code, order within the goal)`` of all 169 targets, in the official order."""
    order = {}
    for code in TARGETS:
        goal = int(code.split(".")[0])
        order[goal] = order.get(goal, 0) + 1
        yield goal, code, order[goal]
