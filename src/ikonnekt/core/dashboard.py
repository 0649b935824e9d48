"""Dashboard panels of the platform itself: the organisations' recent activity and the user's running jobs."""

from django.contrib.contenttypes.models import ContentType
from django.utils import dateformat, formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ikonnekt.core.models import AuditAction, AuditLog, Job, JobStatus
from ikonnekt.core.prepared import Rows
from ikonnekt.core.sharing import user_org_ids

ACTIVITY = 15

# both queries' SQL built once per connection and reader shape (core.prepared)
_activity = Rows(
    lambda user: (
        AuditLog.objects.filter(owner_organisation_id__in=user_org_ids(user))
        .exclude(action__in=["login", "login_failed", "view", "download"])
        .values_list("timestamp", "actor_name", "action", "content_type_id", "object_repr")[:ACTIVITY]
    )
)
_running_jobs = Rows(
    lambda user: Job.objects.filter(created_by_id=user.pk).exclude(status=JobStatus.DONE)[:5]
)


def _activity_rows(user):
    """The last entries as ready HTML lines (formatted here once, not by a dozen template tags
    per row): time · who · action: what „object“. Labels are translated once per page."""
    actions = dict(AuditAction.choices)
    system = _("System")
    when_format = formats.get_format("SHORT_DATETIME_FORMAT")
    labels, kinds, rows = {}, {}, []
    for timestamp, actor_name, action, content_type_id, object_repr in _activity(user):
        if action not in labels:
            labels[action] = str(actions.get(action, action))
        if content_type_id not in kinds:
            model = ContentType.objects.get_for_id(content_type_id).model_class() if content_type_id else None
            kinds[content_type_id] = f"{model._meta.verbose_name} " if model else ""
        rows.append(
            format_html(
                '<span class="text-muted">{}</span> · {} · {}: {}„{}“',
                dateformat.format(timezone.localtime(timestamp), when_format),
                actor_name or system,
                labels[action],
                kinds[content_type_id],
                object_repr,
            )
        )
    return rows


def panels(request):
    user = request.user
    if not user.is_authenticated:
        return []
    result = [{"template": "core/_dashboard_activity.html", "order": 20, "activity": _activity_rows(user)}]
    jobs = _running_jobs(user)
    if jobs:
        result.append({"template": "core/_dashboard_jobs.html", "order": 40, "jobs": jobs})
    return result
