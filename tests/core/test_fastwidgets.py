"""core.fastwidgets writes the HTML of Django's widget templates in Python (issue #18): it must
stay exactly Django's."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from ikonnekt.core.fastwidgets import (
    FastClearableFileInput,
    FastFileInput,
    FastHiddenInput,
    FastSelect,
    FastSelectMultiple,
    FastTextarea,
    FastTextInput,
    speed_up,
)
from ikonnekt.core.forms import FormRenderer

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


class DisablingMixin:
    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value == "b":
            option["attrs"]["disabled"] = True
        return option


class DisablingSelect(DisablingMixin, forms.Select):
    pass


class FastDisablingSelect(DisablingMixin, FastSelect):
    pass


class CustomOptionSelect(forms.Select):
    option_template_name = "django/forms/widgets/input_option.html"


class FastCustomOptionSelect(FastSelect):
    option_template_name = "django/forms/widgets/input_option.html"


CASES = [
    (FastSelect(choices=CHOICES, attrs=ATTRS), "a", forms.Select(choices=CHOICES, attrs=ATTRS)),
    (FastSelect(choices=CHOICES), None, forms.Select(choices=CHOICES)),
    (FastSelect(choices=CHOICES), 3, forms.Select(choices=CHOICES)),
    (FastSelect(choices=[]), None, forms.Select(choices=[])),
    (
        FastSelectMultiple(choices=CHOICES, attrs=ATTRS),
        ["c", "a"],
        forms.SelectMultiple(choices=CHOICES, attrs=ATTRS),
    ),
    (FastDisablingSelect(choices=CHOICES), "b", DisablingSelect(choices=CHOICES)),
    (FastCustomOptionSelect(choices=CHOICES), "a", CustomOptionSelect(choices=CHOICES)),
    (FastTextInput(attrs=ATTRS), 'x "<y>" & z', forms.TextInput(attrs=ATTRS)),
    (FastTextInput(), None, forms.TextInput()),
    (FastTextInput(), "", forms.TextInput()),
    (FastTextInput(), Decimal("1234.5"), forms.TextInput()),
    (FastTextInput(), datetime.date(2026, 3, 1), forms.TextInput()),
    (FastHiddenInput(), "7", forms.HiddenInput()),
    (FastFileInput(attrs={"accept": "image/*"}), None, forms.FileInput(attrs={"accept": "image/*"})),
    (FastClearableFileInput(attrs={"class": "x"}), None, forms.ClearableFileInput(attrs={"class": "x"})),
    (FastTextarea(attrs={"rows": 3}), "line 1\n<b>2</b> & 3", forms.Textarea(attrs={"rows": 3})),
    (FastTextarea(), "", forms.Textarea()),
    (FastTextarea(), None, forms.Textarea()),
]


@pytest.mark.parametrize("renderer", [DjangoTemplates, FormRenderer])
@pytest.mark.parametrize("fast, value, plain", CASES)
def test_fast_widgets_render_exactly_djangos_html(fast, value, plain, renderer, settings):
    settings.LANGUAGE_CODE = "de"
    theirs = plain.render("field", value, attrs={"id": "id_field"}, renderer=renderer())
    ours = fast.render("field", value, attrs={"id": "id_field"}, renderer=renderer())
    assert ours == theirs


def test_speed_up_swaps_only_the_plain_widgets():
    class F(forms.Form):
        a = forms.ChoiceField(choices=CHOICES[:3])
        b = forms.CharField()
        c = forms.CharField(widget=forms.Textarea)
        d = forms.BooleanField()
        e = forms.FileField()
        f = forms.MultipleChoiceField(choices=CHOICES[:3])
        g = forms.DateField(widget=forms.DateInput)

    form = F(initial={"a": "a", "b": "<x>", "c": "y"})
    before = str(form)
    speed_up(form)
    kinds = {name: type(field.widget) for name, field in form.fields.items()}
    assert kinds["a"] is FastSelect and kinds["b"] is FastTextInput and kinds["c"] is FastTextarea
    assert kinds["e"] is FastClearableFileInput and kinds["f"] is FastSelectMultiple
    assert kinds["d"] is forms.CheckboxInput and kinds["g"] is forms.DateInput
    assert str(form) == before
    assert type(F().fields["a"].widget) is forms.Select  # other forms keep theirs
