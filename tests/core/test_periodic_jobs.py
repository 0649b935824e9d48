"""Periodic jobs: queued by the scheduler when due, never twice while one waits or runs."""

import datetime

import pytest
from django.core.management import call_command

from ikonnekt.core import jobs
from ikonnekt.core.models import Job, JobStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticking(monkeypatch):
    """A periodic test job (every hour) that can be switched off."""
    jobs._autodiscover()  # the apps' own periodic jobs register into the real table first
    calls, state = [], {"on": True}
    monkeypatch.setitem(jobs.REGISTRY, "test.tick", lambda job_row, n: calls.append(n) or {"message": "tick"})
    monkeypatch.setattr(jobs, "PERIODIC", {})
    jobs.periodic(
        "test.tick", seconds=lambda: 3600, params=lambda: {"n": 1} if state["on"] else None, label="Tick"
    )
    return calls, state


def test_a_due_job_is_queued_once_and_again_after_its_interval(ticking):
    calls, _state = ticking
    now = datetime.datetime.now(datetime.UTC)
    [queued] = jobs.enqueue_due(now)
    assert queued.kind == "test.tick" and queued.label == "Tick" and queued.params == {"n": 1}
    assert jobs.enqueue_due(now) == []  # still waiting
    jobs.run_pending()
    assert calls == [1] and Job.objects.get(pk=queued.pk).status == JobStatus.DONE
    assert jobs.enqueue_due(now + datetime.timedelta(minutes=59)) == []
    assert len(jobs.enqueue_due(now + datetime.timedelta(minutes=61))) == 1


def test_a_switched_off_job_is_not_queued(ticking):
    _calls, state = ticking
    state["on"] = False
    assert jobs.enqueue_due() == [] and not Job.objects.filter(kind="test.tick").exists()


def test_run_jobs_once_queues_what_is_due_and_runs_it(ticking, capsys):
    calls, _state = ticking
    call_command("run_jobs", "--once")
    assert calls == [1]
    assert "1 periodic job(s) queued, 1 job(s) run" in capsys.readouterr().out


def test_daily_jobs_are_registered(settings):
    jobs._autodiscover()
    kinds = set(jobs.PERIODIC)
    assert {"administration.reminders", "documents.purge_trash", "documents.consume"} <= kinds
    settings.JOBS_DAILY = False
    settings.DOCUMENTS_CONSUME_DIR = ""
    assert jobs.enqueue_due() == []
