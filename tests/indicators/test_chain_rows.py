"""The chain page's steps written in Python (indicators/chain_rows.py) give the HTML the included
template gave, in German and English: a published figure (small, large, negative, whole), a step
without a value or series, a broken link with and without a value, markup in the unit."""

import pytest
from django.template import engines
from django.utils import translation

from ikonnekt.indicators import chain_rows
from ikonnekt.indicators.chain import Chain, Step
from ikonnekt.indicators.models import IndicatorSeries, SeriesStatus, SeriesValue

# indicators/_chain_step.html before it moved into chain_rows.py (with its last newline)
OLD_STEP = (
    '{% load i18n %}{% if step.value %}<a href="{{ step.series.get_absolute_url }}">'
    '{{ step.value.value|floatformat:"-1g" }} {{ step.series.unit }}</a>{% else %}'
    '<span class="text-muted">{% translate "not published" %}</span>{% endif %}'
    '{% if step.series.is_broken %} <span class="badge text-bg-danger">{% translate "broken link" %}'
    "</span>{% endif %}\n"
)


def _steps():
    unit = '<b>t</b> & "CO2e"'
    ok = IndicatorSeries(pk=7, unit=unit, status=SeriesStatus.OK)
    broken = IndicatorSeries(pk=8, unit="MWh/a", status=SeriesStatus.BROKEN)
    steps = [Step("a"), Step("b", series=ok), Step("c", series=broken)]
    for value in (6722.45, 0.04, -1234.5, 100.0, 3373, 1e7):
        steps.append(Step("d", series=ok, value=SeriesValue(value=value)))
        steps.append(Step("e", series=broken, value=SeriesValue(value=value)))
    return steps


@pytest.mark.parametrize("language", ["de", "en"])
def test_steps_as_the_template_gave_them(language):
    template = engines["django"].from_string(OLD_STEP)
    with translation.override(language):
        for step in _steps():
            assert chain_rows.step_html(step) == template.render({"step": step}), step


def test_every_step_but_the_plants_gets_its_html():
    steps = {"a": Step("a", series=IndicatorSeries(pk=1, unit="t")), "plants": Step("plants")}
    chain = Chain("Szenario", "", steps, [])
    assert chain_rows.with_html([chain]) == [chain]
    assert "not published" in steps["a"].html or "nicht" in steps["a"].html
    assert steps["plants"].html == ""
