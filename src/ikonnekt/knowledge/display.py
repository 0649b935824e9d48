"""Pre-rendered pieces of the knowledge pages (issue #18): what a template did per row or per
option (a ``{% filter_url %}`` copying the query string, SDG badges computing their contrast,
tag chips, kind labels) is computed once in Python here, with the same HTML."""

from functools import cache
from urllib.parse import quote_plus

from django.template.defaultfilters import urlencode
from django.utils import dateformat
from django.utils.formats import date_format, localize
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import get_language, gettext

from ikonnekt.reference.sdg import SDG_NUMBERS, sdg_colour, sdg_text_colour, sdg_title


@cache
def sdg_style(number: int) -> str:
    """The badge colours of an SDG (constant: the official colour and its contrast text)."""
    return f"background:{sdg_colour(number)};color:{sdg_text_colour(number)}"


def sdg_badge(number: int, link: str = ""):
    """knowledge_tags.sdg_badge without a template tag call (same HTML)."""
    title = sdg_title(number)
    if link:
        return format_html(
            '<a class="badge sdg-badge text-decoration-none" style="{}" href="{}" title="SDG {}: {}">SDG {}</a>',
            sdg_style(number), link, number, title, number,
        )  # fmt: skip
    return format_html(
        '<span class="badge sdg-badge" style="{}" title="SDG {}: {}">SDG {}</span>',
        sdg_style(number),
        number,
        title,
        number,
    )


def short_date(value, format_string=None) -> str:
    """``{{ value|date:"SHORT_DATE_FORMAT" }}`` for an aware datetime or a date
    (``format_string``: that format of the current language, read once for many rows)."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = localtime(value)
    if format_string is not None:
        return dateformat.format(value, format_string)
    return date_format(value, "SHORT_DATE_FORMAT")


def _pair(key, value) -> str:
    return f"{quote_plus(str(key))}={quote_plus(str(value))}"


class FilterLinks:
    """The list URL with one filter parameter replaced, as ``{% filter_url key=value %}`` writes
    it (the query string without ``page``, the key kept in its place or appended, an empty
    value removes it), for many values of one key from one reading of the query string."""

    def __init__(self, query):
        self.lists = [(key, values) for key, values in query.lists() if key != "page"]

    def for_key(self, key):
        before, after, found = [], [], False
        for k, values in self.lists:
            if k == key:
                found = True
                continue
            (after if found else before).extend(_pair(k, v) for v in values)

        def url(value) -> str:
            middle = [] if value in (None, "") else [_pair(key, value)]
            return "?" + "&".join(before + middle + after)

        return url


def sdg_filter_bar(links: FilterLinks, active_sdg: str):
    """The row of SDG filter links above the article list."""
    url = links.for_key("sdg")
    parts = []
    for number in SDG_NUMBERS:
        dim = " opacity-50" if active_sdg and active_sdg != str(number) else ""
        parts.append(
            f'<a class="badge sdg-badge text-decoration-none{dim}" style="{escape(sdg_style(number))}" '
            f'href="{escape(url(number))}" title="SDG {number}: {escape(sdg_title(number))}">{number}</a> '
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped


def tag_cloud(links: FilterLinks, tags, active_tag: str):
    """The tag filter chips (name, slug, count) above the article list."""
    url = links.for_key("tag")
    parts = []
    for name, slug, count in tags:
        active = slug == active_tag
        parts.append(
            f'<a class="badge rounded-pill text-bg-light border tag-chip{" active" if active else ""}" '
            f'href="{escape(url("" if active else slug))}">{escape(name)} '
            f'<span class="text-muted">{escape(localize(count))}</span></a>'
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped


@cache
def _sdg_chip(number: int, language: str) -> str:
    """An SDG badge of a list row (depends on the number and the language only)."""
    return f"{sdg_badge(number)} "


def article_chips(sdg_numbers, tags):
    """An article row's SDG badges and tag links (tags: (name, slug) pairs)."""
    language = get_language()
    parts = [_sdg_chip(number, language) for number in sdg_numbers]
    parts.extend(
        f'<a class="badge rounded-pill text-bg-light border tag-chip" href="?tag={escape(urlencode(slug))}">{escape(name)}</a>'
        for name, slug in tags
    )
    return mark_safe("".join(parts))  # noqa: S308 - the badges are format_html output, the rest escaped


def article_sidebar(sdgs, goal_keys, tags):
    """The SDG, goal and tag sections of an article's page (what the template wrote per item):
    SDG numbers, goal keys and (name, slug) pairs of tags, each in the page's order."""
    from django.urls import reverse
    from django.utils.translation import gettext

    from ikonnekt.cooperations.models import GOAL_COLOURS, GoalKey

    list_url = reverse("knowledge:list")
    parts = []
    sdgs, goal_keys, tags = list(sdgs), list(goal_keys), list(tags)
    if sdgs:
        parts.append(
            format_html('<h2 class="h6">{}</h2><div class="d-flex flex-column gap-1 mb-3" id="article-sdgs">', gettext("Sustainable Development Goals"))
            + "".join(
                format_html(
                    '<a class="text-decoration-none" href="{}?sdg={}"><span class="badge sdg-badge sdg-badge-long" style="{}">SDG {}: {}</span></a>',
                    list_url, number, sdg_style(number), number, sdg_title(number),
                )
                for number in sdgs
            )
            + "</div>"
        )  # fmt: skip
    if goal_keys:
        labels = dict(GoalKey.choices)
        parts.append(
            format_html('<h2 class="h6">{}</h2><ul class="list-unstyled small">', gettext("Goals served"))
            + "".join(
                format_html(
                    '<li><span class="goal-dot" style="background: {}"></span> <a href="{}?goal={}">{}</a></li>',
                    GOAL_COLOURS[key], list_url, key, labels.get(key, key),
                )
                for key in goal_keys
            )
            + "</ul>"
        )  # fmt: skip
    if tags:
        parts.append(
            format_html('<h2 class="h6">{}</h2><div class="mb-3">', gettext("Tags"))
            + "".join(
                format_html(
                    '<a class="badge rounded-pill text-bg-light border tag-chip" href="{}?tag={}"><i class="bi bi-tag"></i> {}</a>',
                    list_url, urlencode(slug), name,
                )
                for name, slug in tags
            )
            + "\n</div>"
        )  # fmt: skip
    return mark_safe("\n  ".join(parts))  # noqa: S308 - every part is format_html output


def article_rows(articles) -> str:
    """The list page's article rows (``_list_fragment.html`` wrote them with a ``{% url %}``,
    two ``{% translate %}`` and a ``{% visibility_badge %}`` per row): same HTML, from the
    labels ``ArticleList._decorate`` put on each article."""
    from ikonnekt.core.links import row_url
    from ikonnekt.core.templatetags.ikonnekt import visibility_badge

    url = row_url("knowledge:detail")
    reviewed = (
        f'<span class="badge text-bg-success" title="{escape(gettext("Reviewed"))}"><i class="bi bi-patch-check">'
        f"</i> {escape(gettext('reviewed'))}</span>"
    )
    badges = {}
    out = []
    for a in articles:
        if a.visibility not in badges:
            badges[a.visibility] = visibility_badge(a)
        kind = escape(a.kind_label)
        summary = f'<div class="small mt-1">{escape(a.summary)}</div>' if a.summary else ""
        out.append(
            f'\n<div class="list-group-item">\n  <div class="d-flex justify-content-between flex-wrap gap-2">\n'
            f'    <div><i class="bi bi-{escape(a.icon)} kind-icon" title="{kind}"></i> '
            f'<a class="fw-semibold" href="{url(a.pk)}">{escape(a.title)}</a>\n'
            f'      <span class="badge text-bg-light border">{kind}</span>\n'
            f"      {reviewed if a.reviewed else ''}</div>\n"
            f'    <div class="small text-muted">{escape(a.owner.name)} · {escape(a.updated_label)} · '
            f'<i class="bi bi-hand-thumbs-up"></i> {a.helpful_count} {badges[a.visibility]}</div>\n'
            f"  </div>\n  {summary}\n"
            f'  <div class="mt-1">{a.chips_html}</div>\n</div>\n'
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped or already safe HTML
