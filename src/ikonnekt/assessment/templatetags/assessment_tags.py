from django import template

from ikonnekt.core.contrast import text_colour_on
from ikonnekt.reference.sdg import SDG_COLOURS, SDG_TITLES

register = template.Library()


@register.filter
def sdg_colour(number):
    return SDG_COLOURS.get(number, "#888")


@register.filter
def sdg_text_colour(number):
    """White or black text, whichever reaches WCAG contrast on the SDG's official colour."""
    return text_colour_on(SDG_COLOURS.get(number, "#888888"))


@register.filter
def sdg_title(number):
    return SDG_TITLES.get(number, "")


@register.filter
def pct(value):
    """A percentage for display: whole number with %, or n/a."""
    if value is None:
        return "n/a"
    return f"{round(value):d} %"


@register.filter
def signed(value):
    if value is None:
        return "–"
    rounded = round(value)
    return f"+{rounded:d}" if rounded > 0 else f"{rounded:d}"
