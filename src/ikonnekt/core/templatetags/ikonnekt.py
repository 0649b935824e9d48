from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ikonnekt.core import subbar
from ikonnekt.core.sharing import Visibility

register = template.Library()

SECTION_LABELS = {
    "start": _("Start"),
    "cooperation": _("Cooperation"),
    "modules": _("Modules"),
    "administration": _("Administrative action"),
    "resources": _("Resources"),
    "knowledge": _("Knowledge"),
    "data": _("Data"),
    "planning": _("Planning"),
    "economy": _("Market"),
    "platform": _("Platform"),
}

ICONS = {
    Visibility.PRIVATE: "lock",
    Visibility.COOPERATION: "people",
    Visibility.PLATFORM: "globe2",
    Visibility.PUBLIC: "unlock",
}


@register.simple_tag
def section_label(key):
    return SECTION_LABELS.get(key, key)


def _badge(value, label):
    return format_html(
        '<span class="badge badge-visibility-{}" title="{}"><i class="bi bi-{}"></i> {}</span>',
        value,
        label,
        ICONS.get(value, "eye"),
        label,
    )


# {(language, visibility): badge}: the badge depends on nothing else, and lists show one per row
_BADGES: dict = {}


@register.simple_tag
def visibility_badge(obj):
    value = getattr(obj, "visibility", None)
    if value is None:
        return ""
    own_label = getattr(obj, "visibility_label", None)
    if own_label:
        return _badge(value, own_label)
    key = (get_language(), value)
    badge = _BADGES.get(key)
    if badge is None:
        badge = _BADGES[key] = _badge(value, Visibility(value).label)
    return badge


@register.filter
def audit_changes(row):
    """``{% for label, text in row|audit_changes %}``: an audit row's changes, readable."""
    from ikonnekt.core.audit_display import readable_changes

    return readable_changes(row)


@register.filter
def can_edit(obj, user):
    return obj.can_edit(user)


@register.filter
def can_delete(obj, user):
    return obj.can_delete(user)


@register.simple_tag(takes_context=True)
def organisation_switch(context):
    """The header's switch of the acting organisation (``core/subbar.py``)."""
    return subbar.organisation_switch(context["request"])


@register.simple_tag(takes_context=True)
def language_switch(context, style):
    """The header's language switch: csrf field, return address and button (``core/subbar.py``)."""
    return subbar.language_switch(context["request"], style)


@register.simple_tag(takes_context=True)
def page_url(context, page_number):
    querystring = context.get("querystring", "")
    return f"?{querystring + '&' if querystring else ''}page={page_number}"


@register.simple_tag
def chart(options, data_id, name, height="320px", element_id="", css="", renderer=""):
    """An ECharts chart with its text alternative (WCAG 1.1.1): the picture is named ``name``
    and the same data follows as a collapsible table (``core.chart_alt.chart_table``); the
    markup is written by ``core/chart_html.py``."""
    from ikonnekt.core.chart_alt import chart_table
    from ikonnekt.core.chart_html import chart_html

    return chart_html(options, data_id, name, chart_table(options), height, element_id, css, renderer)


@register.simple_tag
def chart_table(options, name):
    """Only the collapsible table of a chart whose markup a page writes itself."""
    from ikonnekt.core.chart_alt import chart_table as build
    from ikonnekt.core.chart_html import table_html

    return table_html(build(options), name)


@register.inclusion_tag("core/_map.html")
def map_with_list(config, data_id, name, height="380px", element_id="", css="", list_note="", geojson_url=""):
    """A Leaflet map named ``name`` followed by the list of what it shows (the keyboard and
    screen-reader way to its markers and popups). ``list_note`` replaces the list where the page
    lists the same objects elsewhere (e.g. the table beside the map). ``geojson_url``: features a
    page script loads later (``data-geojson-url``)."""
    from ikonnekt.core.chart_alt import map_items

    return {
        "config": config,
        "data_id": data_id,
        "name": name,
        "height": height,
        "element_id": element_id,
        "css": css,
        "items": [] if list_note else map_items(config),
        "list_note": list_note,
        "geojson_url": geojson_url,
    }


@register.simple_tag
def file_url(obj, field):
    """``<img src="{% file_url product 'photo' %}">``: the visibility-checked URL of a stored file."""
    from ikonnekt.core.files import file_url as _file_url

    return _file_url(obj, field)


# --- constant chrome ------------------------------------------------------------------------
# Parts of the layout that depend on nothing but the language and the code (links of the
# footer, the static files of <head>, translated labels) cost about a third of a small page's
# CPU time when rendered anew: ``{% constant %}…{% endconstant %}`` renders its body once per
# language and script prefix and keeps the text on the parsed template node (so it lives as long
# as the cached template, and a template parsed anew starts empty). The body is rendered with an
# EMPTY context, so it cannot show the user's or anyone's data: a variable in it renders empty
# ("" for {{ user }}, no csrf token). With DEBUG on it renders every time.


class ConstantNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.texts: dict[tuple, str] = {}

    def render(self, context):
        from django.conf import settings
        from django.urls import get_script_prefix
        from django.utils.translation import get_language

        if settings.DEBUG:
            return self.nodelist.render(self._empty(context))
        key = (get_language(), get_script_prefix(), context.autoescape)
        text = self.texts.get(key)
        if text is None:
            text = self.texts[key] = self.nodelist.render(self._empty(context))
        return text

    @staticmethod
    def _empty(context):
        """A context without variables and without the request (tags such as ``{% querystring %}``
        read ``context.request``): nothing of one request can end up in the kept text."""
        empty = context.new()
        empty.request = None
        return empty


@register.tag
def constant(parser, token):
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% constant %} takes no arguments")
    nodelist = parser.parse(("endconstant",))
    parser.delete_first_token()
    return ConstantNode(nodelist)
