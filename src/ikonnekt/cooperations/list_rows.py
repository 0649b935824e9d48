"""The cooperation list's rows, read as the shown columns and written in Python once (issue #18).

The list page rendered each cooperation through a template loop over model instances with their
owner joined, goals and participations prefetched as model instances, a choice label and a URL
per row: most of its time. :func:`rows_html` reads ``values_list`` of the shown columns of the
page's cooperations, their goals and participants (one query each, as the prefetches did) and
gives the HTML the loop gave, escaped as the template escaped it, with the choice labels and the
URL pattern read once per page.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ikonnekt.cooperations.models import (
    GOAL_COLOURS,
    GOAL_DESCRIPTIONS,
    Cooperation,
    Goal,
    Part,
    Participation,
)
from ikonnekt.cooperations.sections import choice_labels
from ikonnekt.core.links import row_url
from ikonnekt.core.prepared import Rows
from ikonnekt.core.sharing import Visibility
from ikonnekt.core.templatetags.ikonnekt import ICONS

# what the rows show of a cooperation (the list's queryset reads only these)
COLUMNS = ("id", "name", "form", "status", "visibility")


def _labels(model, field):
    """{value: label} of a choices field as escaped text in the active language."""
    return {key: escape(label) for key, label in choice_labels(model, field).items()}


def _badges():
    """``{% visibility_badge c %}`` for each visibility value (cooperations name theirs)."""
    out = {}
    for value, label in Visibility.choices:
        if value == "cooperation":
            label = _("Participants only")
        label = escape(label)
        out[value] = (
            f'<span class="badge badge-visibility-{escape(value)}" title="{label}">'
            f'<i class="bi bi-{ICONS.get(value, "eye")}"></i> {label}</span>'
        )
    return out


def rows_html(cooperations):
    """The ``<tbody>`` rows of ``cooperations`` (instances with the :data:`COLUMNS`)."""
    if not cooperations:
        return mark_safe(
            f'<tr><td colspan="6" class="text-muted">{escape(_("No cooperations found."))}</td></tr>'
        )
    ids = [c.pk for c in cooperations]
    goal_labels = _labels(Goal, "key")
    goals = {}
    for coop_id, key in (
        Cooperation.goals.through.objects.filter(cooperation_id__in=ids)
        .order_by("goal__order")
        .values_list("cooperation_id", "goal__key")
    ):
        goals.setdefault(coop_id, []).append(
            f'<span class="goal-dot" style="background: {escape(GOAL_COLOURS[key])}"></span> '
            f"{goal_labels.get(key, escape(key))}<br>"
        )
    lead = f' <span class="badge text-bg-secondary">{escape(Part(Part.LEAD).label)}</span>'
    participants = {}
    for coop_id, part, name in (
        Participation.objects.filter(cooperation_id__in=ids)
        .order_by("part")
        .values_list("cooperation_id", "part", "organisation__name")
    ):
        participants.setdefault(coop_id, []).append(f"{escape(name)}{lead if part == Part.LEAD else ''}")
    forms = _labels(Cooperation, "form")
    statuses = _labels(Cooperation, "status")
    badges = _badges()
    url = row_url("cooperations:detail")
    out = []
    for c in cooperations:
        out.append(
            f'<tr><td><a href="{url(c.pk)}">{escape(c.name)}</a></td>\n'
            f'<td class="small">{"".join(goals.get(c.pk, ()))}</td>\n'
            f'<td class="small">{forms.get(c.form, escape(c.form))}</td>'
            f"<td>{statuses.get(c.status, escape(c.status))}</td>\n"
            f'<td class="small">{", ".join(participants.get(c.pk, ()))}</td>\n'
            f"<td>{badges.get(c.visibility, '')}</td></tr>\n"
        )
    return mark_safe("".join(out))


# The detail page's lists below the cooperation, the SQL compiled once (core.prepared, #18).
_goal_keys = Rows(
    lambda cooperation_id: (
        Cooperation.goals.through.objects.filter(cooperation_id=cooperation_id)
        .order_by("goal__order")
        .values_list("goal__key")
    )
)
_participants = Rows(
    lambda cooperation_id: (
        Participation.objects.filter(cooperation_id=cooperation_id)
        .order_by("part")
        .values_list("organisation__name", "organisation__slug", "part")
    )
)


def goal_items_html(cooperation_id):
    """The detail page's goal list items (the template looped over prefetched goals): key order
    of the goals, colour dot, label and description, escaped as the template did."""
    labels = _labels(Goal, "key")
    keys = [key for (key,) in _goal_keys(cooperation_id)]
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            f'<li><span class="goal-dot" style="background: {escape(GOAL_COLOURS[key])}"></span> '
            f"<strong>{labels.get(key, escape(key))}</strong> – "
            f'<span class="text-muted">{escape(GOAL_DESCRIPTIONS[key])}</span></li>'
            for key in keys
        )
    )


def participant_items_html(cooperation_id):
    """The detail page's participant list items (the template looped over prefetched
    participations): organisation link and the part's label, in the order of the parts."""
    parts = _labels(Participation, "part")
    url = row_url("organizations:detail")
    rows = _participants(cooperation_id)
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            f'<li class="list-group-item d-flex justify-content-between"><a href="{escape(url(slug))}">'
            f'{escape(name)}</a><span class="badge text-bg-light">{parts.get(part, escape(part))}</span></li>'
            for name, slug, part in rows
        )
    )
