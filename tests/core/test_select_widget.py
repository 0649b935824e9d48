"""The select template of ``core.forms.FormRenderer`` writes Django's standard option inline (one
include per option made long dropdowns the costliest part of some pages, issue #18); the HTML
must stay exactly Django's."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from ikonnekt.core.forms import FormRenderer, TemplateFormRenderer


class DisablingSelect(forms.Select):
    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value == "b":
            option["attrs"]["disabled"] = True
            option["attrs"]["data-note"] = 'say "hi" & <bye>'
        return option


class CustomOptionSelect(forms.Select):
    option_template_name = "django/forms/widgets/input_option.html"


CHOICES = [
    ("", "---------"),
    ("a", "Alpha <b>&"),
    ("b", "Beta"),
    (3, "Drei"),
    ("Gruppe", [("c", "Gamma"), ("d", "Delta")]),
]


@pytest.mark.parametrize(
    "widget, value",
    [
        (forms.Select(choices=CHOICES, attrs={"class": "form-select", "required": True}), "a"),
        (forms.Select(choices=CHOICES), None),
        (forms.Select(choices=CHOICES), 3),
        (forms.SelectMultiple(choices=CHOICES, attrs={"class": "form-select"}), ["c", "a"]),
        (forms.NullBooleanSelect(), True),
        (DisablingSelect(choices=CHOICES), "b"),
        (CustomOptionSelect(choices=CHOICES), "a"),
        (forms.Select(choices=[]), None),
    ],
)
def test_the_inline_select_renders_exactly_djangos_html(widget, value):
    # the template path (where core/formrender.py hands over); the Python path: test_formrender.py
    ours = widget.render("field", value, attrs={"id": "id_field"}, renderer=TemplateFormRenderer())
    django = widget.render("field", value, attrs={"id": "id_field"}, renderer=DjangoTemplates())
    assert ours == django
    assert "<select" in ours


def test_the_renderer_uses_the_inline_template_for_selects_only():
    renderer = FormRenderer()
    assert renderer.get_template("django/forms/widgets/select.html").origin.name.endswith(
        "core/forms/widgets/select.html"
    )
    assert renderer.get_template("django/forms/widgets/input.html").origin.name.endswith(
        "django/forms/widgets/input.html"
    )
