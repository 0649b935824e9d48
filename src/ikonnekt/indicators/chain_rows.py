"""The steps of the circular chain page written as HTML once per step in Python (issue #18): the
page included a template per step (four per chain), which cost more than the step's figures.

Same text as the former ``indicators/_chain_step.html`` (tests/indicators/test_chain_rows.py);
every value is escaped.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ikonnekt.core.numformat import floatformat


def step_html(step) -> str:
    """A step's figure linked to its series (or "not published") and a badge for a broken link."""
    series = step.series
    if step.value:
        text = (
            f'<a href="{escape(series.get_absolute_url())}">'
            f"{floatformat(step.value.value, '-1g')} {escape(series.unit)}</a>"
        )
    else:
        text = f'<span class="text-muted">{escape(_("not published"))}</span>'
    if series is not None and series.is_broken:
        text += f' <span class="badge text-bg-danger">{escape(_("broken link"))}</span>'
    return mark_safe(text + "\n")  # the included template's last line ended with one


def with_html(chains):
    """Each step of ``chains`` gets its ``html``; returns ``chains``."""
    for chain in chains:
        for step in chain.steps.values():
            if step.key != "plants":
                step.html = step_html(step)
    return chains
