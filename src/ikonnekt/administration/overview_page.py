"""The administration overview's lists, read once as the shown columns (issue #18).

The overview read the user's agreements twice (once for the deadlines, once for the table) and
the shared positions, resources and working groups as full rows under ``DISTINCT``, then ran a
``get_absolute_url``, a ``{% url %}``, two choice labels and a date filter per agreement in the
template. Here the agreements are read once with the columns the table and the deadlines need, the
deadlines computed from them as ``deadlines.upcoming`` computes them, and the other lists read as
(URL, name) pairs.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ikonnekt.administration import models as m
from ikonnekt.cooperations.sections import choice_labels
from ikonnekt.core.links import row_url

AGREEMENT_FIELDS = (
    "id",
    "title",
    "kind",
    "status",
    "term_end",
    "renewal_months",
    "notice_period_months",
    "notice_given_on",
    "cooperation_id",
    "cooperation__name",
)


def agreements(user, org_ids):
    """The agreements the user sees with a party among ``org_ids`` (by title), with their cooperation."""
    return list(
        m.Agreement.objects.visible_to(user)
        .filter(parties__organisation_id__in=org_ids)
        .select_related("cooperation")
        .only(*AGREEMENT_FIELDS)
        .distinct()
    )


def agreements_html(agreements):
    """The rows of the agreements table."""
    if not agreements:
        return mark_safe(
            f'<tr><td colspan="5" class="text-muted">{escape(_("No agreements yet."))}</td></tr>'
        )
    detail = row_url("administration:agreement_detail")
    cooperation = row_url("administration:cooperation")
    kinds = {key: escape(label) for key, label in choice_labels(m.Agreement, "kind").items()}
    statuses = {key: escape(label) for key, label in choice_labels(m.Agreement, "status").items()}
    out = []
    for a in agreements:
        end = a.term_end
        out.append(
            f'<tr><td><a href="{detail(a.pk)}">{escape(a.title)}</a></td><td class="small"><a href="'
            f'{cooperation(a.cooperation_id)}">{escape(a.cooperation.name)}</a></td><td class="small">'
            f'{kinds.get(a.kind, escape(a.kind))}</td><td><span class="badge text-bg-secondary">'
            f"{statuses.get(a.status, escape(a.status))}</span></td>"
            f"<td>{f'{end.day:02d}.{end.month:02d}.{end.year}' if end else '–'}</td></tr>\n"
        )
    return mark_safe("".join(out))


def links(queryset, field, route):
    """(URL, ``field``) of the rows of ``queryset`` (already read through ``visible_to``)."""
    url = row_url(route)
    return [(url(pk), name) for pk, name in queryset.values_list("pk", field)]
