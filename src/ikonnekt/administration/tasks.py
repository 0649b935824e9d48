from datetime import date

from django.utils import timezone

from ikonnekt.core.jobs import job


@job("administration.reminders")
def send_reminders(job_row, today: str | None = None):
    """Daily: e-mail reminders before notice/renewal deadlines and action-item due dates."""
    from ikonnekt.administration.deadlines import send_due_reminders

    day = date.fromisoformat(today) if today else timezone.localdate()
    sent = send_due_reminders(day)
    return {
        "message": f"{sent['agreements']} deadline reminders, {sent['action_items']} action-item reminders"
    }
