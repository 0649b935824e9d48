"""The resource page's booking calendar and tables, written in Python once (issue #18).

Three weeks of seven days, each cell with its bookings, cost the page more through the template
(a date filter per day, two time filters and three tag comparisons per booking) than everything
else on it. ``calendar_html`` gives the same HTML; ``bookings_html`` and ``usage_html`` the rows of
the bookings and usage tables (a date filter, a URL, a csrf token and a permission check per
booking; the usage records read as the shown columns).
"""

from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ikonnekt.administration import models as m
from ikonnekt.cooperations.sections import choice_labels
from ikonnekt.core.links import row_url
from ikonnekt.core.numformat import separators
from ikonnekt.core.sharing import has_role
from ikonnekt.core.subbar import csrf_input

_BADGES = {"confirmed": "text-bg-primary", "requested": "text-bg-warning"}


def calendar_html(weeks):
    """(head, body) of the booking calendar: ``weeks`` as ``views.resources._week_grid`` gives them."""
    head = "".join(f"<th>{escape(date_format(d['day'], 'D'))}</th>" for d in weeks[0]) if weeks else ""
    rows = []
    for week in weeks:
        cells = []
        for d in week:
            css = "table-info" if d["is_today"] else "table-light" if d["weekend"] else ""
            day = d["day"]
            cell = f'<td class="{css}" style="width: 14%"><div class="text-muted">{day.day:02d}.{day.month:02d}.</div>'
            for b in d["bookings"]:
                start, end = timezone.localtime(b.start), timezone.localtime(b.end)
                org = b.organisation
                cell += (
                    f'<div class="badge {_BADGES.get(b.status, "text-bg-secondary")} text-wrap d-block mb-1">'
                    f"{start:%H:%M}–{end:%H:%M} {escape(org.code or org.name)}</div>"
                )
            cells.append(cell + "</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return mark_safe(head), mark_safe("".join(rows))


def bookings_html(request, bookings, can_edit):
    """The rows of the bookings table (``bookings``: instances with their organisation and booker)."""
    if not bookings:
        return mark_safe(f'<tr><td colspan="5" class="text-muted">{escape(_("No bookings."))}</td></tr>')
    user = request.user
    weekdays = [escape(str(WEEKDAYS_ABBR[day])) for day in range(7)]
    statuses = {key: escape(label) for key, label in choice_labels(m.Booking, "status").items()}
    url = row_url("administration:booking_status")
    csrf = csrf_input(request)
    decide = (
        f'<button class="btn btn-sm btn-outline-success" name="status" value="confirmed">{escape(_("approve"))}'
        f'</button><button class="btn btn-sm btn-outline-danger" name="status" value="rejected">'
        f"{escape(_('reject'))}</button>"
    )
    cancel = (
        f'<button class="btn btn-sm btn-outline-secondary" name="status" value="cancelled">{escape(_("cancel"))}'
        "</button>"
    )
    roles = {}  # the user's role check per booking organisation, once
    out = []
    for b in bookings:
        start, end = timezone.localtime(b.start), timezone.localtime(b.end)
        who = escape(b.organisation.name)
        if b.booked_by is not None:
            who += f" ({escape(str(b.booked_by))})"
        org_id = b.organisation_id
        if org_id not in roles:
            roles[org_id] = can_edit or has_role(user, org_id)  # Booking.can_edit for this resource
        buttons = (decide if can_edit and b.status == "requested" else "") + (
            cancel if roles[org_id] and b.status != "rejected" else ""
        )
        out.append(
            f"<tr><td>{weekdays[start.weekday()]} {start:%d.%m.%Y %H:%M}–{end:%H:%M}</td><td>{who}</td>"
            f"<td>{escape(b.purpose)}</td><td>{statuses.get(b.status, escape(b.status))}</td>\n"
            f'<td><form method="post" action="{url(b.pk)}" class="d-flex gap-1">{csrf}{buttons}</form></td></tr>\n'
        )
    return mark_safe("".join(out))


def usage_html(resource, latest=30):
    """The rows of the latest usage records (``{{ u.quantity }}`` as the template localised it)."""
    rows = resource.usage_records.values_list("date", "organisation__name", "quantity", "note")[:latest]
    decimal_sep = separators()[0]
    unit = escape(resource.usage_unit)
    out = [
        f"<tr><td>{day.day:02d}.{day.month:02d}.{day.year}</td><td>{escape(organisation)}</td>"
        f'<td class="text-end">{f"{quantity:f}".replace(".", decimal_sep)} {unit}</td><td>{escape(note)}</td></tr>'
        for day, organisation, quantity, note in rows
    ]
    return mark_safe("".join(out) or '<tr><td colspan="4" class="text-muted">–</td></tr>')
