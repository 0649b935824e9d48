"""The shared field template ties errors and help texts to their fields (WCAG 1.3.1, 3.3.1) and a
failed form opens with an error summary linking to each field."""

from django import forms

from ikonnekt.core.forms import BootstrapForm


class SampleForm(BootstrapForm):
    name = forms.CharField(label="Name", help_text="Wie im Handelsregister.")
    pickup = forms.ChoiceField(
        label="Abholort", choices=[("a", "Rathaus"), ("b", "Hof")], widget=forms.RadioSelect
    )
    agree = forms.BooleanField(label="Einverstanden")


def test_errors_and_help_texts_carry_the_ids_aria_describedby_points_to():
    html = str(SampleForm(data={}))
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'id="id_name_helptext"' in html
    assert 'id="id_name_error"' in html
    assert 'id="id_agree_error"' in html
    assert 'aria-invalid="true"' in html


def test_radio_groups_are_fieldsets_with_a_legend():
    html = str(SampleForm(data={}))
    start = html.index("<fieldset")
    assert 'aria-describedby="id_pickup_error"' in html[start : html.index(">", start)]
    assert '<legend class="form-label fs-6">Abholort' in html


def test_a_failed_form_has_an_error_summary_linking_to_each_field():
    html = str(SampleForm(data={"pickup": "a"}))
    assert "data-error-summary" in html and 'tabindex="-1"' in html
    assert '<a class="alert-link" href="#id_name">Name:' in html
    assert '<a class="alert-link" href="#id_agree">Einverstanden:' in html
    assert "data-error-summary" not in str(SampleForm())


def test_formset_rows_name_each_widget_by_field_and_row():
    from django.forms import formset_factory
    from django.utils import translation

    with translation.override("en"):
        formset = formset_factory(SampleForm, extra=2)()
        html = str(formset.forms[1]["name"])
    assert 'aria-label="Name, row 2"' in html
    assert "aria-label" not in str(SampleForm()["name"])
