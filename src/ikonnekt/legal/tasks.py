"""The daily retention job (``legal.retention``)."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ikonnekt.core.jobs import job, periodic


@job("legal.retention")
def retention_job(job_row):
    from ikonnekt.legal.retention import enforce

    report = enforce()
    return {
        "message": _(
            "Retention applied: %(ips)s IP addresses removed from the audit log, %(logins)s sign-in log "
            "rows, %(sessions)s expired sessions and %(orders)s orders of deleted accounts past their "
            "retention period deleted."
        )
        % {
            "ips": report.audit_ips_removed,
            "logins": report.login_rows_deleted,
            "sessions": report.sessions_deleted,
            "orders": report.orders_deleted,
        }
    }


periodic(
    "legal.retention",
    seconds=lambda: 24 * 3600,
    params=lambda: {} if settings.JOBS_DAILY else None,
    label=gettext_lazy("Delete personal data past its retention period"),
)
