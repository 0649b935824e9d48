from django.core.management.base import BaseCommand

from ikonnekt.core import jobs


class Command(BaseCommand):
    help = "Run background jobs without a broker (the embedded runner). --once runs what is queued and exits."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true")
        parser.add_argument("--poll", type=float, default=1.0)

    def handle(self, *args, once=False, poll=1.0, **options):
        if once:
            count = jobs.run_pending()
            self.stdout.write(f"{count} job(s) run")
        else:
            jobs.run_forever(poll)
