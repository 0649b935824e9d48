"""The Python form renderer writes exactly the HTML of the project's templates (issue #18)."""

import pytest
from django import forms

from ikonnekt.core.forms import BootstrapForm, FormRenderer
from ikonnekt.indicators import forms as indicator_forms
from ikonnekt.indicators.formrender import renderer
from tests.indicators.factories import make_series

CHOICES = [
    ("", "---------"),
    ("a", "Alpha <b>&"),
    ("b", "Beta"),
    (3, 1234),
    ("Gruppe", [("c", "Gamma"), ("d", "Delta")]),
]


class DisablingSelect(forms.Select):
    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value == "b":
            option["attrs"]["disabled"] = True
            option["attrs"]["data-note"] = 'say "hi" & <bye>'
        return option


class CustomOptionSelect(forms.Select):
    option_template_name = "django/forms/widgets/input_option.html"


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
        (forms.CheckboxInput(attrs={"class": "form-check-input"}), True),
        (forms.CheckboxInput(), False),
        (forms.TextInput(attrs={"maxlength": 20, "data-x": 'a"b'}), 'x < "y" & z'),
        (forms.NumberInput(), 1234.5),
        (forms.HiddenInput(), ""),
        (forms.Textarea(), "text"),
    ],
)
def test_widgets_render_the_templates_html(widget, value):
    ours = widget.render("field", value, attrs={"id": "id_field"}, renderer=renderer)
    templates = widget.render("field", value, attrs={"id": "id_field"}, renderer=FormRenderer())
    assert ours == templates


class Example(BootstrapForm):
    name = forms.CharField(label="Name <i>", help_text="Say <b>who</b>", max_length=20)
    kind = forms.ChoiceField(choices=CHOICES, required=False)
    flag = forms.BooleanField(label="Flag", required=False, help_text="a flag")
    many = forms.MultipleChoiceField(
        choices=CHOICES[1:3], widget=forms.CheckboxSelectMultiple, required=False
    )
    secret = forms.CharField(widget=forms.HiddenInput, required=False)


@pytest.mark.parametrize("data", [None, {"name": ""}, {"name": "x", "kind": "a", "flag": "on"}])
def test_forms_render_the_templates_html(data):
    assert str(Example(data, renderer=renderer)) == str(Example(data, renderer=FormRenderer()))


@pytest.mark.django_db
def test_the_series_page_forms_render_the_templates_html(cast):
    series = make_series(cast, owner=cast.org_a, created_by=cast.a_editor)
    user = cast.a_editor
    for make in (
        lambda r: indicator_forms.SettingsForm(instance=series, user=user, renderer=r),
        lambda r: indicator_forms.FollowTargetForm(user=user, renderer=r),
        lambda r: indicator_forms.FollowRatingForm(user=user, renderer=r),
    ):
        assert make(None).renderer is renderer
        assert str(make(renderer)) == str(make(FormRenderer()))
