from django import template
from django.utils.html import format_html

from ikonnekt.reference.sdg import sdg_colour, sdg_text_colour, sdg_title

register = template.Library()


@register.simple_tag
def sdg_badge(sdg, link=""):
    """An SDG badge in the goal's official colour; ``link`` makes it a filter link."""
    number = getattr(sdg, "number", sdg)
    title = sdg_title(number)
    style = f"background:{sdg_colour(number)};color:{sdg_text_colour(number)}"
    if link:
        return format_html(
            '<a class="badge sdg-badge text-decoration-none" style="{}" href="{}" title="SDG {}: {}">SDG {}</a>',
            style, link, number, title, number,
        )  # fmt: skip
    return format_html(
        '<span class="badge sdg-badge" style="{}" title="SDG {}: {}">SDG {}</span>',
        style,
        number,
        title,
        number,
    )


@register.simple_tag
def sdg_badge_long(sdg):
    number = getattr(sdg, "number", sdg)
    style = f"background:{sdg_colour(number)};color:{sdg_text_colour(number)}"
    return format_html(
        '<span class="badge sdg-badge sdg-badge-long" style="{}">SDG {}: {}</span>',
        style,
        number,
        sdg_title(number),
    )


@register.simple_tag(takes_context=True)
def filter_url(context, **changes):
    """The list URL with some filter parameters replaced (``None``/"" removes them)."""
    request = context["request"]
    query = request.GET.copy()
    query.pop("page", None)
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"
