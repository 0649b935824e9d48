"""Background jobs: one Job model, one way to start a job, three ways to run it.

* ``CELERY_BROKER_URL`` set → a Celery task runs the job (production).
* ``JOBS_EAGER`` on → the job runs right after the transaction commits (tests, scripts).
* otherwise → the embedded runner ``ikonnekt run_jobs`` (started by ``make demo``) polls
  queued jobs; no extra service needed.

A job function is registered with :func:`job` and receives the ``Job`` row plus its
params. It takes IDs, must be idempotent and must exit cleanly when a row it refers to
has vanished (convention 6).

Periodic jobs (:func:`periodic`, such as the DMS consume folder) are queued by
:func:`enqueue_due`, which the embedded runner calls while it runs and ``run_jobs --once``
calls before it runs what is queued (for cron). With Celery, ``run_jobs --schedule`` only
queues them. Whether one is due is read from the last job of its kind, so a restart neither
repeats nor skips one, and none is queued while the last is still waiting or running.
"""

import logging
import time
import traceback
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone
from django.utils.translation import gettext

from ikonnekt.core.models import Job, JobStatus

log = logging.getLogger(__name__)
REGISTRY: dict[str, Callable] = {}
PERIODIC: dict[str, tuple[Callable[[], float], Callable[[], dict | None], str, Callable | None]] = {}
SCHEDULE_CHECK_SECONDS = 10.0


def job(kind: str):
    """Register ``fn(job, **params)`` as the runner of jobs of ``kind``."""

    def decorator(fn):
        REGISTRY[kind] = fn
        return fn

    return decorator


def periodic(
    kind: str,
    *,
    seconds: Callable[[], float],
    params: Callable[[], dict | None],
    label: str = "",
    actor: Callable | None = None,
):
    """Queue a job of ``kind`` every ``seconds()``; ``params()`` gives its params, or ``None``
    while it is switched off (both are read at each check, so settings may change).
    ``actor()``: who the job is queued for (it appears on that user's jobs page)."""
    PERIODIC[kind] = (seconds, params, label, actor)


def enqueue_due(now=None) -> list[Job]:
    """Queue every periodic job whose interval has passed since the last job of its kind."""
    _autodiscover()
    now = now or timezone.now()
    queued = []
    for kind, (seconds, params_of, label, actor_of) in sorted(PERIODIC.items()):
        params = params_of()
        if params is None:
            continue
        last = Job.objects.filter(kind=kind).order_by("-created_at", "-pk").first()
        if last is not None and (
            last.status in (JobStatus.QUEUED, JobStatus.RUNNING)
            or (now - last.created_at).total_seconds() < seconds()
        ):
            continue
        queued.append(enqueue(kind, actor=actor_of() if actor_of else None, label=str(label), **params))
    return queued


def enqueue(kind: str, *, actor=None, label: str = "", **params) -> Job:
    """Create a queued Job and dispatch it once the surrounding transaction commits."""
    if kind not in REGISTRY:
        _autodiscover()
    if kind not in REGISTRY:
        raise KeyError(f"No job registered for {kind!r}")
    job_row = Job.objects.create(
        kind=kind,
        label=label,
        params=params,
        created_by=getattr(actor, "user", None),
        organisation=getattr(actor, "organisation", None),
    )
    transaction.on_commit(lambda: dispatch(job_row.pk))
    return job_row


def dispatch(job_id: int) -> None:
    if settings.JOBS_EAGER:
        run_job(job_id)
    elif settings.CELERY_BROKER_URL:
        from ikonnekt.celery import run_job_task

        run_job_task.delay(job_id)
    # else: the embedded runner picks it up from the table.


def claim(job_id: int) -> bool:
    """Atomically move a queued job to running; False if another runner took it."""
    return bool(
        Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING, started_at=timezone.now(), progress=0
        )
    )


def failure_message(exc: Exception, job_id: int) -> str:
    """What the job's users read: the German message of our own errors (validation, rejected
    files), never a Python traceback or server path; the traceback stays in ``Job.error``."""
    from django.core.exceptions import PermissionDenied, ValidationError

    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    # our own errors and ValueError carry a message for the user (row, column, reason); OSError,
    # KeyError, database errors and the like may name server paths or internals
    if isinstance(exc, PermissionDenied | ValueError) or type(exc).__module__.startswith("ikonnekt."):
        return str(exc)
    # raised by our code with a message (an OSError from the system carries an errno and a path)
    if (isinstance(exc, OSError) and exc.errno is None) or type(exc) is LookupError:
        return str(exc)
    return gettext(
        "The job failed because of an internal error; the administrators can see the details (job %(id)s)."
    ) % {"id": job_id}


def run_job(job_id: int) -> None:
    if not claim(job_id):
        return
    job_row = Job.objects.get(pk=job_id)
    _autodiscover()
    fn = REGISTRY.get(job_row.kind)
    try:
        if fn is None:
            raise LookupError(f"No job registered for {job_row.kind!r}")
        result = fn(job_row, **job_row.params) or {}
        updates = {"status": JobStatus.DONE, "progress": 100, "finished_at": timezone.now()}
        if isinstance(result, dict):
            updates["result"] = result
            if result.get("url"):
                updates["result_url"] = result["url"]
            if result.get("message"):
                updates["message"] = str(result["message"])[:500]
        Job.objects.filter(pk=job_id).update(**updates)
    except Exception as exc:  # a job failure is recorded, never lost
        log.exception("Job %s (%s) failed", job_id, job_row.kind)
        Job.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED,
            finished_at=timezone.now(),
            message=failure_message(exc, job_id)[:500],
            error=traceback.format_exc()[-5000:],  # for administrators only (admin, logs)
        )
    finally:
        from ikonnekt.core import filestore

        filestore.discard_uncommitted()  # files of a rolled-back job transaction


def run_pending(limit: int | None = None) -> int:
    """Run queued jobs (oldest first); returns how many ran."""
    count = 0
    for job_id in (
        Job.objects.filter(status=JobStatus.QUEUED).order_by("created_at").values_list("pk", flat=True)
    ):
        run_job(job_id)
        count += 1
        if limit and count >= limit:
            break
    return count


def run_forever(poll_seconds: float = 1.0) -> None:  # pragma: no cover - exercised by make demo
    _autodiscover()
    log.info("Embedded job runner started")
    checked = -SCHEDULE_CHECK_SECONDS
    while True:
        close_old_connections()
        if time.monotonic() - checked >= SCHEDULE_CHECK_SECONDS:
            enqueue_due()
            checked = time.monotonic()
        if not run_pending(limit=10):
            time.sleep(poll_seconds)


def schedule_forever() -> None:  # pragma: no cover - a loop around enqueue_due (Celery deployments)
    log.info("Job scheduler started")
    while True:
        close_old_connections()
        enqueue_due()
        time.sleep(SCHEDULE_CHECK_SECONDS)


_discovered = False


def _autodiscover():
    global _discovered
    if _discovered:
        return
    from ikonnekt.core.registry import app_modules

    for _label, _module in app_modules("tasks"):
        pass
    _discovered = True
