from functools import lru_cache

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

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


@lru_cache(maxsize=256)
def _sdg_badge(number, language):
    """One SDG badge (colour, contrasting text colour, title), built once per number and language."""
    return format_html(
        '<span class="badge sdg-badge" style="background: {}; color: {}" title="SDG {}: {}">{}</span>',
        sdg_colour(number),
        sdg_text_colour(number),
        number,
        sdg_title(number),
        number,
    )


@register.simple_tag
def sdg_badges(sdgs):
    """The SDG badges of a measure, built in Python: catalogue and assessment tables show one set
    per measure row, and an included template per row cost more than the rest of the row."""
    language = get_language()
    # the line break the former included template ended with: the pages stay byte for byte the same
    return mark_safe("".join(_sdg_badge(n, language) for n in sdgs or ()) + "\n")


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
