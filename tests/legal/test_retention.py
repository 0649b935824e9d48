"""Retention periods are enforced by the daily job: audit rows lose the IP address (and keep what
happened and who), sign-in log rows and expired sessions are deleted."""

from datetime import timedelta

from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.models import Session
from django.db import models
from django.utils import timezone

from ikonnekt.core import jobs
from ikonnekt.core.audit import Actor, AuditAction, record
from ikonnekt.core.models import AuditLog, Job
from ikonnekt.legal.retention import enforce


def _audit_row(cast, days_ago, ip):
    row = record(
        Actor(user=cast.a_admin, organisation=cast.org_a, ip=ip),
        AuditAction.UPDATE,
        cast.org_a,
        owner_organisation=cast.org_a,
    )
    # Move the row back in time (test set-up only: the audit manager refuses updates).
    models.QuerySet.update(
        AuditLog.objects.filter(pk=row.pk), timestamp=timezone.now() - timedelta(days=days_ago)
    )
    return row


def _login_row(model, days_ago, **extra):
    row = model.objects.create(
        user_agent="Firefox",
        ip_address="203.0.113.9",
        username="a_admin",
        http_accept="*/*",
        path_info="/",
        **extra,
    )
    model.objects.filter(pk=row.pk).update(attempt_time=timezone.now() - timedelta(days=days_ago))
    return row


def test_retention_drops_old_ips_login_rows_and_expired_sessions(cast, settings):
    settings.AUDIT_IP_RETENTION_DAYS = 90
    settings.LOGIN_LOG_RETENTION_DAYS = 30
    old = _audit_row(cast, 91, "192.0.2.1")
    recent = _audit_row(cast, 89, "192.0.2.2")
    old_login = _login_row(AccessLog, 31)
    new_login = _login_row(AccessLog, 29)
    old_attempt = _login_row(AccessAttempt, 31, get_data="", post_data="", failures_since_start=1)
    Session.objects.create(
        session_key="a" * 32, session_data="x", expire_date=timezone.now() - timedelta(seconds=1)
    )
    Session.objects.create(
        session_key="b" * 32, session_data="x", expire_date=timezone.now() + timedelta(days=1)
    )

    report = enforce()

    old = AuditLog.objects.get(pk=old.pk)
    assert old.ip is None
    assert (old.actor_id, old.actor_name, old.action) == (cast.a_admin.pk, "a_admin", AuditAction.UPDATE)
    assert AuditLog.objects.get(pk=recent.pk).ip == "192.0.2.2"
    assert not AccessLog.objects.filter(pk=old_login.pk).exists()
    assert AccessLog.objects.filter(pk=new_login.pk).exists()
    assert not AccessAttempt.objects.filter(pk=old_attempt.pk).exists()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["b" * 32]
    assert (report.audit_ips_removed, report.login_rows_deleted, report.sessions_deleted) == (1, 2, 1)
    # Idempotent.
    assert enforce().audit_ips_removed == 0


def test_retention_runs_as_a_daily_periodic_job(cast, settings):
    settings.JOBS_DAILY = True
    settings.JOBS_EAGER = False
    queued = [j.kind for j in jobs.enqueue_due()]
    assert "legal.retention" in queued
    job = Job.objects.filter(kind="legal.retention").latest("pk")
    jobs.run_job(job.pk)
    job.refresh_from_db()
    assert job.status == "done", job.result if hasattr(job, "result") else job
    # Not queued again within the day.
    assert "legal.retention" not in [j.kind for j in jobs.enqueue_due()]


def test_audit_rows_cannot_be_changed_except_redaction(cast):
    import pytest

    row = record(Actor(user=cast.a_admin), AuditAction.UPDATE, cast.org_a)
    with pytest.raises(PermissionError):
        AuditLog.objects.filter(pk=row.pk).update(action="delete")
    with pytest.raises(PermissionError):
        AuditLog.objects.filter(pk=row.pk).redact(action="delete")


def test_orders_of_erased_customers_go_when_the_tax_retention_period_has_ended(cast, settings):
    from ikonnekt.legal.erasure import erase_user
    from ikonnekt.market.models import Order
    from tests.conftest import make_user
    from tests.market.factories import make_order

    settings.ORDER_RETENTION_YEARS = 10
    now = timezone.now()
    gone = make_user("kunde.alt")
    stays = make_user("kunde.aktiv")
    orders = {}
    for key, customer, year in [
        ("old", gone, now.year - 11),
        ("kept", gone, now.year - 10),
        ("active", stays, now.year - 11),
    ]:
        order = make_order(cast, owner=cast.org_a, visibility="platform", created_by=customer)
        # Placed on 31 December of that year: an order of year Y may go once Y + 10 has ended.
        Order.objects.filter(pk=order.pk).update(
            placed_at=timezone.make_aware(timezone.datetime(year, 12, 31, 12))
        )
        orders[key] = order.pk
    erase_user(Actor(user=gone), gone)

    report = enforce(now)

    assert report.orders_deleted == 1
    assert not Order.objects.filter(pk=orders["old"]).exists()
    assert Order.objects.filter(pk=orders["kept"]).exists()
    assert Order.objects.filter(pk=orders["active"]).exists()
