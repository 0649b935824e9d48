"""The meeting page's lists, read as the shown columns and written in Python once (issue #18).

The page showed its agenda, decisions, action items, idea cards and attendance through template
loops over model instances with their users, organisations and agenda items joined in full, with
a date filter, a choice label, a translation, a URL or a csrf token per row: most of its time.
These functions read ``values_list`` of the columns the page shows and give the same HTML (escaped
as the template escaped it), with the translations, the csrf input and the URL patterns read once
per page.
"""

from django.db.models import Count, Q
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ikonnekt.administration import models as m
from ikonnekt.cooperations.sections import choice_labels
from ikonnekt.core.links import row_url
from ikonnekt.core.prepared import Rows
from ikonnekt.core.subbar import csrf_input


def _v(value):
    """``{{ value }}`` in a template: localised and escaped."""
    return conditional_escape(localize(value))


def _user_name(first, last, username):
    """``str(user)``: the full name, else the user name."""
    return f"{first} {last}".strip() or username


# The lists below the meeting (its read rule already checked), the SQL compiled once (core.prepared).
_agenda = Rows(
    lambda meeting_id: m.AgendaItem.objects.filter(meeting_id=meeting_id).values_list(
        "pk", "title", "description", "minutes"
    )
)
_decisions = Rows(
    lambda meeting_id: m.Decision.objects.filter(meeting_id=meeting_id).values_list(
        "agenda_item_id", "agenda_item__position", "text"
    )
)
_action_items = Rows(
    lambda meeting_id: m.ActionItem.objects.filter(meeting_id=meeting_id).values_list(
        "title", "assignee__first_name", "assignee__last_name", "assignee__username", "due_on", "status"
    )
)
_ideas = Rows(
    lambda meeting_id, user_id: (
        m.IdeaCard.objects.filter(meeting_id=meeting_id)
        .annotate(n_votes=Count("votes"), n_mine=Count("votes", filter=Q(votes__user_id=user_id)))
        .order_by("cluster", "-n_votes", "id")
        .values_list("pk", "text", "cluster", "n_votes", "n_mine")
    )
)
_attendance = Rows(
    lambda meeting_id: m.Attendance.objects.filter(meeting_id=meeting_id).values_list("user_id", "status")
)
_members = Rows(
    lambda group_id: m.GroupMember.objects.filter(group_id=group_id).values_list(
        "user_id", "user__first_name", "user__last_name", "user__username", "organisation__name"
    )
)


def agenda(meeting):
    """(pk, title, description, minutes) of the meeting's agenda items in their order."""
    return _agenda(meeting.pk)


def agenda_html(items, can_edit):
    if not items:
        return mark_safe(f'<li class="list-group-item text-muted">{escape(_("No agenda yet."))}</li>')
    label = escape(_("minutes"))
    out = []
    for pk, title, description, minutes in items:
        text = f'<li class="list-group-item"><strong>{escape(title)}</strong>'
        if description:
            text += f'<div class="small text-muted">{escape(description)}</div>'
        text += "\n"
        if can_edit:
            text += (
                f'<textarea class="form-control form-control-sm mt-1" name="minutes_{pk}" rows="2" '
                f'aria-label="{label}">{escape(minutes)}</textarea>'
            )
        elif minutes:
            text += f'<div class="small mt-1">{linebreaksbr(minutes, autoescape=True)}</div>'
        out.append(text + "</li>")
    return mark_safe("".join(out))


def decisions_html(meeting):
    rows = _decisions(meeting.pk)
    out = [
        "<li>"
        + (f'<span class="text-muted">{_v(position)}.</span> ' if item_id is not None else "")
        + f"{escape(text)}</li>"
        for item_id, position, text in rows
    ]
    return mark_safe("".join(out) or '<li class="text-muted">–</li>')


def action_items_html(meeting):
    rows = _action_items(meeting.pk)
    statuses = {key: escape(label) for key, label in choice_labels(m.ActionItem, "status").items()}
    overdue = f' <span class="badge text-bg-danger">{escape(_("overdue"))}</span>'
    today = timezone.localdate()
    out = []
    for title, first, last, username, due_on, status in rows:
        late = overdue if status != m.ActionStatus.DONE and due_on < today else ""
        out.append(
            f"<tr><td>{escape(title)}</td><td>{escape(_user_name(first, last, username))}</td>"
            f"<td>{due_on.day:02d}.{due_on.month:02d}.{due_on.year}{late}</td>"
            f"<td>{statuses.get(status, escape(status))}</td></tr>"
        )
    return mark_safe("".join(out) or '<tr><td colspan="4" class="text-muted">–</td></tr>')


def idea_clusters(meeting, user):
    """{cluster label: [(pk, text, cluster, votes, voted by the user)]} in the order the page shows them."""
    rows = _ideas(meeting.pk, user.pk)
    clusters = {}
    for pk, text, cluster, votes, mine in rows:
        clusters.setdefault(cluster or _("(not grouped)"), []).append((pk, text, cluster, votes, bool(mine)))
    return clusters


def ideas_html(request, clusters, can_contribute, can_edit):
    csrf = csrf_input(request) if (can_contribute or can_edit) else ""
    vote_url = row_url("administration:idea_vote")
    group_url = row_url("administration:idea_group")
    group_word = escape(_("group"))
    out = []
    for cluster, cards in clusters.items():
        out.append(
            f'<div class="col-12"><h3 class="h6 mt-2">{escape(cluster)}</h3><div class="d-flex flex-wrap gap-2">\n'
        )
        for pk, text, value, votes, voted in cards:
            out.append(
                f'<div class="card" style="width: 15rem"><div class="card-body p-2 small">{escape(text)}'
                '<div class="d-flex justify-content-between align-items-center mt-2">\n'
            )
            if can_contribute:
                out.append(
                    f'<form method="post" action="{vote_url(pk)}">{csrf}<button class="btn btn-sm '
                    f'{"btn-primary" if voted else "btn-outline-primary"}"><i class="bi bi-hand-thumbs-up"></i> '
                    f"{_v(votes)}</button></form>"
                )
            else:
                out.append(f'<span><i class="bi bi-hand-thumbs-up"></i> {_v(votes)}</span>')
            out.append("\n")
            if can_edit:
                out.append(
                    f'<form method="post" action="{group_url(pk)}" class="d-flex">{csrf}<input name="cluster" '
                    f'class="form-control form-control-sm" value="{escape(value)}" placeholder="{group_word}" '
                    f'aria-label="{group_word}"></form>'
                )
            out.append("</div></div></div>")
        out.append("\n</div></div>")
    return mark_safe("".join(out))


def members(meeting):
    """(user id, user's name, organisation's name, attendance status or None) of the group's members."""
    attendance = dict(_attendance(meeting.pk))
    rows = _members(meeting.group_id)
    return [
        (user_id, _user_name(first, last, username), organisation, attendance.get(user_id))
        for user_id, first, last, username, organisation in rows
    ]


def attendance_html(rows, can_edit):
    if not rows:
        return mark_safe('<li class="list-group-item text-muted small">–</li>')
    choices = [(escape(key), escape(label)) for key, label in m.AttendanceStatus.choices]
    labels = dict(choices)
    label = escape(_("attendance"))
    out = []
    for user_id, name, organisation, status in rows:
        text = (
            f'<li class="list-group-item small d-flex justify-content-between align-items-center"><span>'
            f'{escape(name)}<br><span class="text-muted">{escape(organisation)}</span></span>\n'
        )
        if can_edit:
            options = "".join(
                f'<option value="{key}" {"selected" if status == key else ""}>{text}</option>'
                for key, text in choices
            )
            text += (
                f'<select name="u_{user_id}" class="form-select form-select-sm w-auto" aria-label="{label}">'
                f"{options}</select>"
            )
        else:
            text += f"<span>{labels.get(status, escape(status)) if status else '–'}</span>"
        out.append(text + "</li>")
    return mark_safe("".join(out))


_LINKS = (
    "ics",
    "minutes_pdf",
    "file_minutes",
    "edit",
    "invite",
    "minutes",
    "agenda",
    "decision",
    "action",
    "idea",
    "attendance",
)


def links(meeting):
    """The page's links: ``administration:meeting_<name>`` of the meeting (one ``reverse`` per route
    and process instead of a ``{% url %}`` per link and request)."""
    return {name: row_url(f"administration:meeting_{name}")(meeting.pk) for name in _LINKS}
