"""The deadline and open-action-item lists of the overviews, the group page and "my action items",
written in Python once (issue #18).

They were included templates with a date filter, a plural translation and a URL per deadline and,
per action item, a full row with its meeting, group and assignee, a ``{% url %}``, a csrf token and
two translations; on the overview and the group page they cost more than their queries. These give
the same HTML, read the action items as the shown columns and the texts once per list.
"""

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from ikonnekt.administration.models import ActionStatus
from ikonnekt.core.links import row_url
from ikonnekt.core.subbar import csrf_input


def _date(day):
    """``{{ day|date:"d.m.Y" }}``."""
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def _list(list_id, items, empty):
    """The ``<ul>`` of the escaped ``items`` (``<li>`` strings), or of one muted ``empty`` item."""
    if not items:
        items = [f'<li class="list-group-item text-muted small">{escape(empty)}</li>']
    return mark_safe(  # noqa: S308 (every item is escaped by its caller)
        f'<ul class="list-group list-group-flush" id="{list_id}">\n' + "".join(items) + "\n</ul>\n"
    )


def deadlines_html(deadlines):
    """The deadline list of (agreement, deadline, days left) rows."""
    url = row_url("administration:agreement_detail")
    out = []
    for agreement, deadline, left in deadlines:
        badge = "text-bg-danger" if left <= 30 else "text-bg-warning" if left <= 90 else "text-bg-light"
        out.append(
            '<li class="list-group-item small d-flex justify-content-between"><span><strong>'
            f"{_date(deadline.date)}</strong> · {escape(deadline.label)}: "
            f'<a href="{url(agreement.pk)}">{escape(agreement.title)}</a></span><span class="badge {badge}">'
            f"{ngettext('in %(days)s day', 'in %(days)s days', left) % {'days': left}}</span></li>\n"
        )
    return _list("deadline-list", out, _("No deadlines ahead."))


def action_item_rows(items):
    """What :func:`action_items_html` shows of the action items of queryset ``items``."""
    return items.values_list(
        "pk",
        "title",
        "due_on",
        "status",
        "meeting__group__name",
        "assignee__first_name",
        "assignee__last_name",
        "assignee__username",
    )


def action_items_html(request, rows):
    """The list of the action items as :func:`action_item_rows` reads them (in their order), each
    with its "done" form."""
    today = timezone.localdate()
    url = row_url("administration:action_status")
    overdue = f'<span class="badge text-bg-danger">{escape(_("overdue"))}</span> '
    form_tail = (
        csrf_input(request)
        + f'<input type="hidden" name="next" value="{escape(request.path)}"><button class="btn btn-sm '
        f'btn-outline-success" name="status" value="done" title="{escape(pgettext("action item", "done"))}">'
        '<i class="bi bi-check-lg"></i></button></form></li>\n'
    )
    out = []
    for pk, title, due_on, status, group, first, last, username in rows:
        late = status != ActionStatus.DONE and due_on < today  # ActionItem.is_overdue
        assignee = f"{first} {last}".strip() or username  # str(user)
        out.append(
            '<li class="list-group-item small d-flex justify-content-between align-items-center"><span>'
            f"{overdue if late else ''}<strong>{_date(due_on)}</strong> · {escape(title)} "
            f'<span class="text-muted">({escape(group)}, {escape(assignee)})</span></span>\n'
            f'<form method="post" action="{url(pk)}" class="d-flex gap-1">{form_tail}'
        )
    return _list("action-items", out, _("No open action items."))
