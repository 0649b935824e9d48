"""indicators.forms.FlatSelect writes the same select as Django's Select through the form renderer."""

from django import forms

from ikonnekt.core.forms import BootstrapForm
from ikonnekt.indicators.forms import FlatSelect

CHOICES = [("", "---------"), (1, "A & <b>"), (2, "Zwei “Zitat”"), ('x"y', "drei"), (None, "leer")]


def _form(widget, **kwargs):
    class Form(BootstrapForm):
        choice = forms.ChoiceField(label="Wahl <i>", choices=CHOICES, widget=widget)
        optional = forms.ChoiceField(label="Frei", choices=CHOICES, widget=widget, required=False)

    return Form(**kwargs)


def test_flat_select_writes_what_the_select_template_writes():
    for kwargs in ({}, {"initial": {"choice": 2}}, {"data": {"choice": 'x"y', "optional": "1"}}):
        old, new = _form(forms.Select, **kwargs), _form(FlatSelect, **kwargs)
        if "data" in kwargs:
            assert old.is_valid() and new.is_valid()
        assert str(new) == str(old)
        assert str(new["choice"]) == str(old["choice"])
    assert " selected>" in str(_form(FlatSelect, initial={"choice": 2})["choice"])
