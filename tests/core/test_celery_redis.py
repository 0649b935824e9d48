"""The Celery path of the job runner against a real Redis broker.

CI machines run Redis at 127.0.0.1:6379 (``IKONNEKT_TEST_REDIS_URL`` points elsewhere). The test
skips, saying why, when Celery is not installed (``pip install ikonnekt[celery]``, part of the dev
extra) or Redis does not answer; everything else about jobs is tested without a broker.
"""

import importlib.util
import os
import socket
import threading
import uuid
from urllib.parse import urlsplit

import pytest
from django.test import override_settings

from ikonnekt.core import jobs
from ikonnekt.core.audit import Actor

REDIS_URL = os.environ.get("IKONNEKT_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_answers(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(64).startswith(b"+PONG")
    except OSError:
        return False


pytestmark = [
    pytest.mark.skipif(
        importlib.util.find_spec("celery") is None or importlib.util.find_spec("redis") is None,
        reason="Celery and redis-py are not installed (pip install 'ikonnekt[celery]')",
    ),
    pytest.mark.skipif(not _redis_answers(REDIS_URL), reason=f"Redis does not answer at {REDIS_URL}"),
    pytest.mark.django_db(transaction=True),
]


@jobs.job("tests.celery_square")
def square_job(job, n):
    job.set_progress(50, "halb")
    return {"message": f"{n * n}"}


@pytest.fixture
def celery_app():
    """The project's Celery app on the Redis broker, with a queue of its own (other runs and
    other machines' tests on the same Redis never take this test's tasks)."""
    from ikonnekt.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "task_default_queue")}
    app.conf.broker_url = REDIS_URL
    app.conf.task_default_queue = f"ikonnekt-test-{uuid.uuid4().hex}"
    _forget_connections(app)
    yield app
    app.conf.update(saved)
    _forget_connections(app)


def _forget_connections(app):
    """Drop what an earlier test built from the old settings (connection pools, and the queues and
    router the app caches), so producer and worker both use this broker and this queue."""
    app.close()
    app.__dict__.pop("amqp", None)


def test_a_job_travels_through_redis_to_a_celery_worker_and_finishes(cast, celery_app):
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun

    # Wait for the worker without reading the database meanwhile: the test database is SQLite in
    # shared-cache memory, where a reader locks the table the worker writes.
    finished = threading.Event()

    def on_postrun(**kwargs):
        finished.set()

    task_postrun.connect(on_postrun, weak=False)
    try:
        with (
            override_settings(JOBS_EAGER=False, CELERY_BROKER_URL=REDIS_URL),
            start_worker(celery_app, pool="solo", perform_ping_check=False, loglevel="WARNING"),
        ):
            job = jobs.enqueue("tests.celery_square", actor=Actor(user=cast.a_editor), n=7)
            assert finished.wait(120), "the Celery worker did not run the job within 120 s"
    finally:
        task_postrun.disconnect(on_postrun)
    job.refresh_from_db()
    assert job.status == "done", job.error
    assert job.message == "49" and job.progress == 100
