import pytest
from django.test import override_settings
from django.urls import reverse

from ikonnekt.core import jobs
from ikonnekt.core.audit import Actor
from ikonnekt.core.models import Job

pytestmark = pytest.mark.django_db(transaction=True)


@jobs.job("tests.count")
def count_job(job, n, fail=False):
    for i in range(n):
        job.set_progress(100 * (i + 1) / n, f"{i + 1} von {n}")
    if fail:
        raise ValueError("Zeile 3: kein Datum")
    return {"message": f"{n} gezählt", "url": "/"}


def test_eager_job_runs_after_commit_and_stores_progress(cast):
    job = jobs.enqueue(
        "tests.count", actor=Actor(user=cast.a_editor, organisation=cast.org_a), label="Zählen", n=4
    )
    job.refresh_from_db()
    assert job.status == "done" and job.progress == 100 and job.message == "4 gezählt"
    assert job.result_url == "/"


def test_failed_job_keeps_the_error(cast):
    job = jobs.enqueue("tests.count", actor=Actor(user=cast.a_editor), n=2, fail=True)
    job.refresh_from_db()
    assert job.status == "failed"
    assert "Zeile 3" in job.message and "ValueError" in job.error


@override_settings(JOBS_EAGER=False)
def test_embedded_runner_picks_up_queued_jobs_once(cast):
    job = jobs.enqueue("tests.count", actor=Actor(user=cast.a_editor), n=1)
    assert Job.objects.get(pk=job.pk).status == "queued"
    assert jobs.run_pending() == 1
    assert Job.objects.get(pk=job.pk).status == "done"
    assert jobs.run_pending() == 0
    assert jobs.claim(job.pk) is False  # a second runner cannot take it again


def test_job_pages_are_private_to_starter_and_org_admins(cast, client_for):
    job = jobs.enqueue("tests.count", actor=Actor(user=cast.a_editor, organisation=cast.org_a), n=1)
    assert client_for(cast.a_editor).get(reverse("core:job_detail", args=[job.pk])).status_code == 200
    assert client_for(cast.a_admin).get(reverse("core:job_progress", args=[job.pk])).status_code == 200
    assert client_for(cast.b_editor).get(reverse("core:job_detail", args=[job.pk])).status_code == 404
    assert client_for(cast.z_admin).get(f"/api/v1/jobs/{job.pk}/").status_code == 404
    assert client_for(cast.a_editor).get(f"/api/v1/jobs/{job.pk}/").json()["status"] == "done"


def test_unknown_job_kind_is_refused():
    with pytest.raises(KeyError):
        jobs.enqueue("no.such.job")


@override_settings(JOBS_EAGER=False, CELERY_BROKER_URL="memory://")
def test_celery_dispatch_when_a_broker_is_configured(cast):
    pytest.importorskip("celery", reason="Celery is not installed (pip install 'ikonnekt[celery]')")
    from ikonnekt.celery import app

    app.conf.task_always_eager = True  # the task runs in-process, through Celery's API
    try:
        job = jobs.enqueue("tests.count", actor=Actor(user=cast.a_editor), n=2)
    finally:
        app.conf.task_always_eager = False
    assert Job.objects.get(pk=job.pk).status == "done"


@jobs.job("tests.crash")
def crash_job(job):
    open("/srv/ikonnekt/geheim/nicht-da.csv").read()  # noqa: SIM115 - an internal error with a server path


def test_failed_job_shows_users_a_german_message_and_keeps_the_traceback_for_admins(cast, client_for):
    """Issue #20, defect 9: the jobs API showed full tracebacks with server paths."""
    job = jobs.enqueue("tests.crash", actor=Actor(user=cast.a_editor, organisation=cast.org_a))
    job.refresh_from_db()
    assert job.status == "failed"
    assert "Traceback" in job.error and "/srv/ikonnekt" in job.error  # kept for administrators
    body = client_for(cast.a_editor).get(f"/api/v1/jobs/{job.pk}/").content.decode()
    assert "Traceback" not in body and "/srv/ikonnekt" not in body
    assert "internen Fehlers" in body
    page = client_for(cast.a_editor).get(reverse("core:job_detail", args=[job.pk])).content.decode()
    assert "/srv/ikonnekt" not in page and "internen Fehlers" in page


def test_a_broker_without_celery_installed_is_a_failing_system_check(monkeypatch, settings):
    import importlib.util

    from ikonnekt.core.checks import check_celery_installed

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "celery" else real(name, *a)
    )
    assert [e.id for e in check_celery_installed(None)] == ["ikonnekt.E004"]
    settings.CELERY_BROKER_URL = ""
    assert check_celery_installed(None) == []
