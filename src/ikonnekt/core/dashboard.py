"""Dashboard panels of the platform itself: the organisations' recent activity and the user's running jobs."""

from ikonnekt.core.models import AuditLog, Job, JobStatus
from ikonnekt.core.sharing import user_org_ids


def panels(request):
    user = request.user
    if not user.is_authenticated:
        return []
    activity = list(
        AuditLog.objects.filter(owner_organisation_id__in=user_org_ids(user))
        .exclude(action__in=["login", "login_failed", "view", "download"])
        .select_related("content_type", "acting_organisation")[:15]
    )
    result = [{"template": "core/_dashboard_activity.html", "order": 20, "activity": activity}]
    jobs = list(Job.objects.filter(created_by=user).exclude(status=JobStatus.DONE)[:5])
    if jobs:
        result.append({"template": "core/_dashboard_jobs.html", "order": 40, "jobs": jobs})
    return result
