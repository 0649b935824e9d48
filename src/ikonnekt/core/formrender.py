"""The common form templates written in Python, for the project's form renderer (issue #18).

A form on a page could cost more than all the page's queries: every field renders
``core/forms/field.html`` and its widget template (one template context each, one template tag
per option and attribute). :func:`render` produces the *same* HTML as those templates for the
plain cases (select, input and textarea widgets, field groups and forms without errors or
fieldsets) and returns ``None`` for everything else, which then goes through the templates
(:class:`ikonnekt.core.forms.FormRenderer`); tests/core/test_formrender.py checks the HTML is
byte for byte the templates'. A change to one of those templates must be made here too (the
test fails until it is).
"""

from django.template import Context
from django.template.base import render_value_in_context
from django.utils.functional import Promise
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString

_CONTEXT = Context(autoescape=True)
_OPTION = "django/forms/widgets/select_option.html"
_INPUTS = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "checkbox",
        "date",
        "datetime",
        "time",
        "search",
        "file",
        "tel",
        "color",
    )
)


def text_html(value) -> str:
    """``{{ value }}``."""
    if isinstance(value, str | Promise):
        return conditional_escape(value)
    return render_value_in_context(value, _CONTEXT)


def _sf(value) -> str:
    """``{{ value|stringformat:'s' }}``."""
    if isinstance(value, SafeString):
        return value
    return escape(str(value))


def attrs_html(attrs) -> str:
    """``django/forms/widgets/attrs.html``."""
    out = []
    for name, value in attrs.items():
        if value is not False:
            out.append(f" {text_html(name)}" if value is True else f' {text_html(name)}="{_sf(value)}"')
    return "".join(out)


def _select(context):
    widget = context["widget"]
    out = [f'<select name="{text_html(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{text_html(group_name)}">')
        for option in options:
            if option["template_name"] != _OPTION:
                return None
            out.append(
                f'\n  <option value="{_sf(option["value"])}"{attrs_html(option["attrs"])}>'
                f"{text_html(option['label'])}</option>\n"
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


def _input(context):
    widget = context["widget"]
    value = widget["value"]
    value = f' value="{_sf(value)}"' if value is not None else ""
    return f'<input type="{text_html(widget["type"])}" name="{text_html(widget["name"])}"{value}{attrs_html(widget["attrs"])}>'


def _textarea(context):
    widget = context["widget"]
    value = text_html(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{text_html(widget["name"])}"{attrs_html(widget["attrs"])}>\n{value}</textarea>'


def _field(context):
    """``core/forms/field.html`` for a field without errors, shown without a fieldset."""
    field = context["field"]
    if field.errors or field.use_fieldset:
        return None
    widget = field.field.widget
    label = text_html(field.label)
    if getattr(widget, "input_type", None) == "checkbox" and not getattr(
        widget, "allow_multiple_selected", False
    ):
        head = f'<div class="mb-3 form-check">\n{field} <label class="form-check-label" for="{text_html(field.id_for_label)}">{label}</label>\n'
    else:
        required = ' <span class="text-danger" aria-hidden="true">*</span>' if field.field.required else ""
        head = f'<div class="mb-3">\n<label class="form-label" for="{text_html(field.id_for_label)}">{label}{required}</label>\n{field}'
    help_text = ""
    if field.help_text:
        helptext_id = f' id="{text_html(field.auto_id)}_helptext"' if field.auto_id else ""
        help_text = f'<div class="form-text"{helptext_id}>{field.help_text}</div>'
    return f"{head}\n{help_text}\n\n</div>"


def _form(context):
    """``core/forms/form.html`` for a form without errors."""
    form = context["form"]
    if form.errors:
        return None
    hidden = "".join(str(f) for f in form.hidden_fields())
    fields = "".join(str(f.as_field_group()) for f in form.visible_fields())
    return f"{hidden}\n{fields}" if hidden else fields


_PYTHON = {
    "django/forms/widgets/select.html": _select,
    "django/forms/widgets/textarea.html": _textarea,
    "core/forms/field.html": _field,
    "core/forms/form.html": _form,
    **dict.fromkeys(_INPUTS, _input),
}


def render(template_name, context):
    """The HTML of ``template_name`` for ``context``, or ``None`` where the template must do it."""
    fast = _PYTHON.get(template_name)
    return None if fast is None else fast(context)
