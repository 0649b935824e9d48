"""The project's form renderer writes plain widgets, fields and forms in Python (core/formrender.py)
with exactly the HTML of the templates (issue #18): every case renders both ways."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from ikonnekt.core.forms import BootstrapForm, FormRenderer, TemplateFormRenderer
from ikonnekt.indicators import forms as indicator_forms
from tests.core.test_select_widget import CustomOptionSelect, DisablingSelect
from tests.indicators.factories import make_series

CHOICES = [
    ("", "---------"),
    ("a", "Alpha <b>&"),
    ("b", mark_safe("<i>Beta</i>")),
    (3, "Drei"),
    (4, 1234),
    ("l", gettext_lazy("Search")),
    ("Gruppe <x>", [("c", "Gamma"), ("d", "Delta")]),
]

ATTRS = {
    "class": "form-select",
    "required": True,
    "disabled": False,
    "data-x": 'say "hi" & <bye>',
    "data-n": 0,
}


CASES = [
    (forms.Select(choices=CHOICES, attrs=ATTRS), "a"),
    (forms.Select(choices=CHOICES), None),
    (forms.Select(choices=CHOICES), 3),
    (forms.Select(choices=[]), None),
    (forms.SelectMultiple(choices=CHOICES, attrs=ATTRS), ["c", "a"]),
    (forms.NullBooleanSelect(), True),
    (DisablingSelect(choices=CHOICES), "b"),
    (CustomOptionSelect(choices=CHOICES), "a"),
    (forms.CheckboxInput(attrs={"class": "form-check-input"}), True),
    (forms.CheckboxInput(), False),
    (forms.TextInput(attrs=ATTRS), 'x "<y>" & z'),
    (forms.TextInput(), None),
    (forms.TextInput(), ""),
    (forms.TextInput(), Decimal("1234.5")),
    (forms.TextInput(), datetime.date(2026, 3, 1)),
    (forms.NumberInput(), 1234.5),
    (forms.HiddenInput(), "7"),
    (forms.FileInput(attrs={"accept": "image/*"}), None),
    (forms.ClearableFileInput(attrs={"class": "x"}), None),
    (forms.Textarea(attrs={"rows": 3}), "line 1\n<b>2</b> & 3"),
    (forms.Textarea(), ""),
    (forms.Textarea(), None),
]


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("widget, value", CASES)
def test_widgets_render_the_templates_html(widget, value, language, settings):
    settings.LANGUAGE_CODE = language
    ours = widget.render("field", value, attrs={"id": "id_field"}, renderer=FormRenderer())
    templates = widget.render("field", value, attrs={"id": "id_field"}, renderer=TemplateFormRenderer())
    assert ours == templates


class Example(BootstrapForm):
    name = forms.CharField(label="Name <i>", help_text="Say <b>who</b>", max_length=20)
    kind = forms.ChoiceField(choices=CHOICES, required=False)
    flag = forms.BooleanField(label="Flag", required=False, help_text="a flag")
    many = forms.MultipleChoiceField(
        choices=CHOICES[1:3], widget=forms.CheckboxSelectMultiple, required=False
    )
    secret = forms.CharField(widget=forms.HiddenInput, required=False)


class WithoutHidden(BootstrapForm):
    name = forms.CharField(required=False)
    when = forms.DateField(required=False)


@pytest.mark.parametrize("form_class", [Example, WithoutHidden])
@pytest.mark.parametrize("data", [None, {"name": ""}, {"name": "x", "kind": "a", "flag": "on"}])
def test_forms_render_the_templates_html(form_class, data):
    assert str(form_class(data, renderer=FormRenderer())) == str(
        form_class(data, renderer=TemplateFormRenderer())
    )


@pytest.mark.django_db
def test_the_series_page_forms_render_the_templates_html(cast):
    series = make_series(cast, owner=cast.org_a, created_by=cast.a_editor)
    user = cast.a_editor
    for make in (
        lambda r: indicator_forms.SettingsForm(instance=series, user=user, renderer=r),
        lambda r: indicator_forms.FollowTargetForm(user=user, renderer=r),
        lambda r: indicator_forms.FollowRatingForm(user=user, renderer=r),
    ):
        assert str(make(FormRenderer())) == str(make(TemplateFormRenderer()))
