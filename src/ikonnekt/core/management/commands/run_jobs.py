from django.core.management.base import BaseCommand

from ikonnekt.core import jobs


class Command(BaseCommand):
    help = (
        "Run background jobs without a broker (the embedded runner); it also queues periodic jobs. "
        "--once queues the periodic jobs that are due, runs what is queued and exits (for cron); "
        "--schedule only queues periodic jobs (with Celery)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true")
        parser.add_argument("--schedule", action="store_true")
        parser.add_argument("--poll", type=float, default=1.0)

    def handle(self, *args, once=False, schedule=False, poll=1.0, **options):
        if once:
            due = jobs.enqueue_due()
            count = jobs.run_pending()
            self.stdout.write(f"{len(due)} periodic job(s) queued, {count} job(s) run")
        else:  # a long-running service: refuse DEBUG off with the development key (core.startup)
            from ikonnekt.core.startup import refuse_insecure_start

            refuse_insecure_start()
            if schedule:
                jobs.schedule_forever()
            else:
                jobs.run_forever(poll)
