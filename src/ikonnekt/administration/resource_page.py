"""The resource page's booking calendar, written in Python once (issue #18).

Three weeks of seven days, each cell with its bookings, cost the page more through the template
(a date filter per day, two time filters and three tag comparisons per booking) than everything
else on it. ``calendar_html`` gives the same HTML.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe

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
