"""The working group page's meetings and members, read as the shown columns and written in Python
once (issue #18): the template loops ran a ``get_absolute_url``, a date filter and a choice label
per meeting over full rows, and read each member with the user and organisation in full."""

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ikonnekt.administration import models as m
from ikonnekt.cooperations.sections import choice_labels
from ikonnekt.core.links import row_url


def meetings_html(group):
    rows = group.meetings.values_list("pk", "title", "start", "kind", "place")
    url = row_url("administration:meeting_detail")
    kinds = {key: escape(label) for key, label in choice_labels(m.Meeting, "kind").items()}
    out = []
    for pk, title, start, kind, place in rows:
        start = timezone.localtime(start)
        out.append(
            f'<li class="list-group-item"><a href="{url(pk)}">{escape(title)}</a> <span class="text-muted small">'
            f"{start:%d.%m.%Y %H:%M} · {kinds.get(kind, escape(kind))}{f' · {escape(place)}' if place else ''}"
            "</span></li>"
        )
    return mark_safe("".join(out) or '<li class="list-group-item text-muted">–</li>')


def members_html(group):
    rows = group.members.values_list(
        "user__first_name", "user__last_name", "user__username", "organisation__name", "is_chair"
    )
    chair = f' <span class="badge text-bg-secondary">{escape(_("chair"))}</span>'
    out = [
        f'<li class="list-group-item small">{escape(f"{first} {last}".strip() or username)} · '
        f"{escape(organisation)}{chair if is_chair else ''}</li>"
        for first, last, username, organisation, is_chair in rows
    ]
    return mark_safe("".join(out) or '<li class="list-group-item text-muted small">–</li>')
