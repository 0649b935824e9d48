"""The history tab of a document page as HTML, written in Python once per request (issue #18).

Every view of a document writes an audit row, so the tab soon lists its 200 rows; a template
loop with a date, a choice label and a filter per row was most of the page's time. Same HTML
as that loop gave: the time in the active language and time zone, the action's label and the
readable changes (``core.audit_display``), escaped.

The rows are read as tuples (no model instances), and the text of a time is formatted once per
minute of local time when the active format shows no seconds (``localized_minutes``): the
"viewed" rows of one visit after another mostly share their minute.
"""

from types import SimpleNamespace

from django.conf import settings
from django.utils import timezone
from django.utils.formats import get_format, localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from ikonnekt.core.audit_display import readable_changes
from ikonnekt.core.models import AuditLog

# What the tab reads of an audit row.
FIELDS = ("timestamp", "actor_name", "action", "changes", "content_type_id")

# date format characters that show something finer than the minute (or the whole timestamp)
_BELOW_MINUTE = set("sucrU\\")


def localized_minutes():
    """``text(datetime)``: the escaped text ``localize(template_localtime(value))`` gives, memoised
    per local minute when the active DATETIME_FORMAT shows nothing finer than minutes."""
    tz = timezone.get_current_timezone() if settings.USE_TZ else None
    by_minute = not (_BELOW_MINUTE & set(get_format("DATETIME_FORMAT")))
    memo = {}

    def text(value):
        if tz is not None and not timezone.is_naive(value):
            value = value.astimezone(tz)
        key = value.replace(second=0, microsecond=0) if by_minute else value
        try:
            return memo[key]
        except KeyError:
            memo[key] = out = conditional_escape(localize(value))
            return out

    return text


def history_rows(queryset, limit=200) -> str:
    """The rows (newest first) of ``queryset``'s first ``limit`` audit rows as ``<tr>`` HTML."""
    return history_html(queryset.values_list(*FIELDS)[:limit])


def history_html(rows) -> str:
    """``<tr>`` HTML of audit rows read as ``FIELDS`` tuples."""
    labels = {
        key: conditional_escape(str(label)) for key, label in AuditLog._meta.get_field("action").flatchoices
    }
    when = localized_minutes()
    names = {}
    out = []
    for timestamp, actor_name, action, changes, content_type_id in rows:
        if changes:
            details = "; ".join(
                f"{conditional_escape(label)}: {conditional_escape(text)}"
                for label, text in readable_changes(
                    SimpleNamespace(changes=changes, content_type_id=content_type_id)
                )
            )
        else:
            details = ""
        if actor_name not in names:
            names[actor_name] = conditional_escape(actor_name)
        out.append(
            f'<tr><td class="small">{when(timestamp)}</td>'
            f'<td class="small">{names[actor_name]}</td>'
            f"<td>{labels[action] if action in labels else conditional_escape(action)}</td>"
            f'<td class="small text-muted">{details}</td></tr>'
        )
    return mark_safe("".join(out))
