"""Custom form and formset layouts tie errors to their fields and summarise them (WCAG 1.3.1,
3.3.1): the error text has the id Django's ``aria-describedby`` names, the summary links to the field."""

from django import forms
from django.template import Context, Template


class _Row(forms.Form):
    name = forms.CharField(label="Name")
    share = forms.IntegerField(label="Anteil")


RowSet = forms.formset_factory(_Row, extra=0)


def _render(source, **context):
    return Template(source).render(Context(context))


def test_a_field_error_carries_the_id_the_widget_points_to():
    form = _Row(data={"name": "", "share": "x"}, prefix="row")
    assert not form.is_valid()
    html = _render('{{ f.share }}{% include "core/forms/_field_errors.html" with field=f.share %}', f=form)
    assert 'aria-describedby="id_row-share_error"' in html
    assert 'id="id_row-share_error"' in html


def test_a_valid_field_renders_no_error_block():
    form = _Row(data={"name": "A", "share": "3"})
    assert form.is_valid()
    assert _render('{% include "core/forms/_field_errors.html" with field=f.name %}', f=form).strip() == ""


def test_the_formset_summary_links_every_error_of_every_row_and_takes_focus():
    formset = RowSet(
        data={
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "0",
            "form-0-name": "A",
            "form-0-share": "1",
            "form-1-name": "",
            "form-1-share": "zwei",
        }
    )
    assert not formset.is_valid()
    html = _render('{% include "core/forms/_formset_error_summary.html" %}', formset=formset)
    assert "data-error-summary" in html and 'tabindex="-1"' in html
    assert 'href="#id_form-1-name"' in html and 'href="#id_form-1-share"' in html
    assert "id_form-0" not in html
    assert _render('{% include "core/forms/_formset_error_summary.html" %}', formset=RowSet()).strip() == ""
