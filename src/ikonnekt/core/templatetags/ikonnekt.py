from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

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


@register.simple_tag
def visibility_badge(obj):
    value = getattr(obj, "visibility", None)
    if value is None:
        return ""
    label = getattr(obj, "visibility_label", None) or Visibility(value).label
    return format_html(
        '<span class="badge badge-visibility-{}" title="{}"><i class="bi bi-{}"></i> {}</span>',
        value,
        label,
        ICONS.get(value, "eye"),
        label,
    )


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
def page_url(context, page_number):
    querystring = context.get("querystring", "")
    return f"?{querystring + '&' if querystring else ''}page={page_number}"


@register.simple_tag
def file_url(obj, field):
    """``<img src="{% file_url product 'photo' %}">``: the visibility-checked URL of a stored file."""
    from ikonnekt.core.files import file_url as _file_url

    return _file_url(obj, field)
