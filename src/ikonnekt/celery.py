"""Celery app, used only when CELERY_BROKER_URL is configured."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikonnekt.settings")

app = Celery("ikonnekt")
app.config_from_object("django.conf:settings", namespace="CELERY")


@app.task(name="ikonnekt.run_job", acks_late=True)
def run_job_task(job_id: int) -> None:
    from ikonnekt.core.jobs import run_job

    run_job(job_id)
