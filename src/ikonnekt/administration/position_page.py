"""The position page's latest time records, read as the shown columns and written in Python once
(issue #18).

Fifty records through a template loop over model instances with their person and organisation
joined in full, a date filter and a localised number per row cost the page more than everything
else on it. ``records_html`` reads ``values_list`` of the shown columns and gives the same HTML.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from ikonnekt.core.numformat import separators

LATEST = 50


def records_html(position):
    """The rows of the latest ``LATEST`` time records (``{{ r.hours }}`` as the template localised it)."""
    rows = position.time_records.values_list(
        "date",
        "person__first_name",
        "person__last_name",
        "person__username",
        "organisation__name",
        "hours",
        "note",
    )[:LATEST]
    decimal_sep = separators()[0]
    out = []
    for day, first, last, username, organisation, hours, note in rows:
        person = f"{first} {last}".strip() or username
        out.append(
            f"<tr><td>{day.day:02d}.{day.month:02d}.{day.year}</td><td>{escape(person)}</td>"
            f'<td>{escape(organisation)}</td><td class="text-end">{f"{hours:f}".replace(".", decimal_sep)}</td>'
            f"<td>{escape(note)}</td></tr>"
        )
    return mark_safe("".join(out) or '<tr><td colspan="5" class="text-muted">–</td></tr>')
