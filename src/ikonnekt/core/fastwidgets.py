"""Widgets that write Django's standard HTML in Python instead of through the template engine.

Rendering a plain select or text input through the form templates (``select.html`` plus the
``attrs.html`` include, one ``{% for %}`` per attribute and option) costs a page about as much
as a query per field; a list page with a few filters and a detail page with a small upload form
spent a fifth of their time there (issue #18). These subclasses render exactly the HTML of
Django's templates (tests/core/test_fastwidgets.py compares them) and fall back to the templates
whenever a subclass changes a template. ``speed_up(form)`` swaps the widgets of a built form.
"""

from django import forms
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _text(value) -> str:
    """``{{ value }}`` in a template: localised (numbers), escaped unless safe."""
    if not isinstance(value, str):
        value = localize(value)
    return conditional_escape(value)


def _attrs(attrs) -> str:
    """django/forms/widgets/attrs.html: ``name="value"``, ``True`` bare, ``False`` left out."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {conditional_escape(name)}")
        else:
            out.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(out)


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        if (
            self.template_name != forms.Select.template_name
            or self.option_template_name != forms.Select.option_template_name
        ):
            return super().render(name, value, attrs, renderer)
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_text(group_name)}">')
            for option in group_choices:
                if option["template_name"] != forms.Select.option_template_name:
                    return super().render(name, value, attrs, renderer)
                parts.append(
                    f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                    f"{_attrs(option['attrs'])}>{_text(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    pass


class _FastInputMixin:
    base_template = ""

    def render(self, name, value, attrs=None, renderer=None):
        if self.template_name != self.base_template:
            return super().render(name, value, attrs, renderer)
        widget = self.get_context(name, value, attrs)["widget"]
        value_attr = "" if widget["value"] is None else f' value="{conditional_escape(str(widget["value"]))}"'
        return mark_safe(
            f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
            f"{value_attr}{_attrs(widget['attrs'])}>"
        )


class FastTextInput(_FastInputMixin, forms.TextInput):
    base_template = forms.TextInput.template_name


class FastHiddenInput(_FastInputMixin, forms.HiddenInput):
    base_template = forms.HiddenInput.template_name


class FastFileInput(_FastInputMixin, forms.FileInput):
    base_template = forms.FileInput.template_name


class FastClearableFileInput(forms.ClearableFileInput):
    def render(self, name, value, attrs=None, renderer=None):
        if self.template_name != forms.ClearableFileInput.template_name or self.is_initial(value):
            return super().render(name, value, attrs, renderer)
        widget = self.get_context(name, value, attrs)["widget"]
        return mark_safe(
            f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
            f"{_attrs(widget['attrs'])}>"
        )


class FastTextarea(forms.Textarea):
    def render(self, name, value, attrs=None, renderer=None):
        if self.template_name != forms.Textarea.template_name:
            return super().render(name, value, attrs, renderer)
        widget = self.get_context(name, value, attrs)["widget"]
        text = _text(widget["value"]) if widget["value"] else ""
        return mark_safe(
            f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>'
        )


# exact class -> fast subclass (subclasses of these may change more than the template)
FAST = {
    forms.Select: FastSelect,
    forms.SelectMultiple: FastSelectMultiple,
    forms.TextInput: FastTextInput,
    forms.HiddenInput: FastHiddenInput,
    forms.FileInput: FastFileInput,
    forms.ClearableFileInput: FastClearableFileInput,
    forms.Textarea: FastTextarea,
}


def speed_up(form):
    """Give the plain widgets of ``form`` their fast twins (same HTML); returns ``form``."""
    for field in form.fields.values():
        fast = FAST.get(type(field.widget))
        if fast is not None:
            field.widget.__class__ = fast
    return form
