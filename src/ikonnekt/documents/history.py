"""The history tab of a document page as HTML, written in Python once per request (issue #18).

Every view of a document writes an audit row, so the tab soon lists its 200 rows; a template
loop with a date, a choice label and a filter per row was most of the page's time. Same HTML
as that loop gave: the time in the active language and time zone, the action's label and the
readable changes (``core.audit_display``), escaped.
"""

from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

from ikonnekt.core.audit_display import readable_changes
from ikonnekt.core.models import AuditLog

# What the tab reads of an audit row.
FIELDS = ("timestamp", "actor_name", "action", "changes", "content_type")


def history_rows(rows) -> str:
    labels = {key: str(label) for key, label in AuditLog._meta.get_field("action").flatchoices}
    out = []
    for h in rows:
        changes = "; ".join(
            f"{conditional_escape(label)}: {conditional_escape(text)}" for label, text in readable_changes(h)
        )
        out.append(
            f'<tr><td class="small">{conditional_escape(localize(template_localtime(h.timestamp)))}</td>'
            f'<td class="small">{conditional_escape(h.actor_name)}</td>'
            f"<td>{conditional_escape(labels.get(h.action, h.action))}</td>"
            f'<td class="small text-muted">{changes}</td></tr>'
        )
    return mark_safe("".join(out))
