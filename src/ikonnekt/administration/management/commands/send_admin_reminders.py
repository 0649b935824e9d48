from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from ikonnekt.administration.deadlines import send_due_reminders


class Command(BaseCommand):
    help = "Send due deadline and action-item reminders of joint administration (run daily, e.g. by cron)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, date=None, **options):
        day = _parse(date) if date else timezone.localdate()
        sent = send_due_reminders(day)
        self.stdout.write(
            f"{sent['agreements']} deadline reminders, {sent['action_items']} action-item reminders"
        )


def _parse(value):
    return date.fromisoformat(value)
