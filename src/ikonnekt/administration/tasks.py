from datetime import date

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikonnekt.core.jobs import job, periodic


@job("administration.reminders")
def send_reminders(job_row, today: str | None = None):
    """Daily: e-mail reminders before notice/renewal deadlines and action-item due dates."""
    from ikonnekt.administration.deadlines import send_due_reminders

    day = date.fromisoformat(today) if today else timezone.localdate()
    sent = send_due_reminders(day)
    return {
        "message": f"{sent['agreements']} deadline reminders, {sent['action_items']} action-item reminders"
    }


periodic(
    "administration.reminders",
    seconds=lambda: 24 * 3600,
    params=lambda: {} if settings.JOBS_DAILY else None,
    label=_("Deadline reminders"),
)
