"""Retention periods for personal data in logs (GDPR Art. 5(1)(e) storage limitation).

Run daily by the periodic job ``legal.retention`` (``tasks.py``); the periods are settings
(docs/operations.md): after ``AUDIT_IP_RETENTION_DAYS`` an audit row keeps what happened and who,
but loses its IP address; after ``LOGIN_LOG_RETENTION_DAYS`` sign-in log rows (user name, IP
address, user agent) are deleted; expired sessions are deleted every time; orders of erased
customers are deleted once their tax retention period (``ORDER_RETENTION_YEARS``) has ended.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ikonnekt.core.models import AuditLog


@dataclass
class RetentionReport:
    audit_ips_removed: int = 0
    login_rows_deleted: int = 0
    sessions_deleted: int = 0
    orders_deleted: int = 0


def _login_log_models():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return (AccessLog, AccessFailureLog, AccessAttempt)


@transaction.atomic
def enforce(now=None) -> RetentionReport:
    """Apply every retention period once; idempotent."""
    now = now or timezone.now()
    report = RetentionReport()
    audit_cut = now - timedelta(days=settings.AUDIT_IP_RETENTION_DAYS)
    report.audit_ips_removed = AuditLog.objects.filter(timestamp__lt=audit_cut, ip__isnull=False).redact(
        ip=None
    )
    login_cut = now - timedelta(days=settings.LOGIN_LOG_RETENTION_DAYS)
    for model in _login_log_models():
        deleted, _detail = model.objects.filter(attempt_time__lt=login_cut).delete()
        report.login_rows_deleted += deleted
    report.sessions_deleted, _detail = Session.objects.filter(expire_date__lt=now).delete()
    report.orders_deleted = _delete_orders_of_erased_people(now)
    return report


def _delete_orders_of_erased_people(now) -> int:
    """Orders of erased (pseudonymised) customers are kept only for the tax retention period
    (§ 147 Abs. 3 and 4 AO: ``ORDER_RETENTION_YEARS`` from the end of the calendar year of the
    order); afterwards they and their lines are deleted. Orders of active customers stay."""
    from ikonnekt.legal.erasure import PSEUDONYM_PREFIX
    from ikonnekt.market.models import Order

    # An order of year Y may go once Y + years has ended, i.e. orders before 1 January of
    # (current year - years): in 2026 with 10 years, orders of 2015 and earlier.
    first_kept = timezone.make_aware(timezone.datetime(now.year - settings.ORDER_RETENTION_YEARS, 1, 1))
    expired = Order.objects.filter(
        customer__username__startswith=PSEUDONYM_PREFIX, customer__is_active=False
    ).filter(Q(placed_at__lt=first_kept) | Q(placed_at__isnull=True, created_at__lt=first_kept))
    deleted, detail = expired.delete()
    return detail.get(Order._meta.label, 0)
