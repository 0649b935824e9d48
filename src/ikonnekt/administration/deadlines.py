"""Agreement deadlines from the database, the dashboard list and the daily reminder run."""

from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ikonnekt.administration.models import ActionItem, ActionStatus, Agreement, AgreementStatus, ReminderLog
from ikonnekt.administration.notify import send_reminder
from ikonnekt.administration.reminders import deadlines, due_reminder
from ikonnekt.core.links import absolute_url
from ikonnekt.core.sharing import WRITE_ROLES, user_org_ids

RUNNING = (
    AgreementStatus.SIGNED,
    AgreementStatus.APPROVED,
    AgreementStatus.SUPERVISORY,
    AgreementStatus.PUBLISHED,
    AgreementStatus.IN_FORCE,
    AgreementStatus.NOTICE_GIVEN,
)
ACTION_REMINDER_DAYS = (3, 0)


def agreement_deadlines(agreement, today: date):
    if agreement.status not in RUNNING:
        return []
    return deadlines(
        term_end=agreement.term_end,
        renewal_months=agreement.renewal_months,
        notice_period_months=agreement.notice_period_months,
        notice_given_on=agreement.notice_given_on,
        today=today,
    )


def upcoming(user, today: date, within_days: int = 180, organisation=None):
    """(agreement, deadline, days left) for running agreements the user sees and whose party is one
    of the user's organisations (or ``organisation``), soonest first."""
    org_ids = [organisation.pk] if organisation else sorted(user_org_ids(user))
    qs = (
        Agreement.objects.visible_to(user)
        .filter(status__in=RUNNING, parties__organisation_id__in=org_ids, term_end__isnull=False)
        .distinct()
    )
    return deadlines_of(qs, today, within_days)


def deadlines_of(agreements, today: date, within_days: int = 365):
    """(agreement, deadline, days left) of the running ``agreements`` with a term end whose
    deadlines fall within ``within_days``, soonest first (the overview reads its agreements once
    and passes them here; :func:`upcoming` queries them)."""
    rows = []
    for agreement in agreements:
        if agreement.status not in RUNNING or agreement.term_end is None:
            continue
        for deadline in agreement_deadlines(agreement, today):
            left = (deadline.date - today).days
            if 0 <= left <= within_days:
                rows.append((agreement, deadline, left))
    return sorted(rows, key=lambda r: r[1].date)


def open_action_items(user):
    return (
        ActionItem.objects.visible_to(user)
        .filter(assignee_id=user.pk)
        .exclude(status=ActionStatus.DONE)
        .select_related("meeting__group", "assignee")
        .order_by("due_on")
    )


def _party_emails(agreement):
    from ikonnekt.organizations.models import Membership

    org_ids = list(agreement.parties.values_list("organisation_id", flat=True))
    return Membership.objects.filter(organisation_id__in=org_ids, role__in=WRITE_ROLES).values_list(
        "user__email", flat=True
    )


def send_due_reminders(today: date) -> dict:
    """Send every reminder due on ``today`` once (idempotent: a log row per reminder)."""

    sent = {"agreements": 0, "action_items": 0}
    for agreement in Agreement.objects.filter(status__in=RUNNING, term_end__isnull=False):
        days_list = agreement.reminder_day_list()
        for deadline in agreement_deadlines(agreement, today):
            days = due_reminder(deadline, days_list, today)
            if days is None:
                continue
            key = f"agreement:{agreement.pk}:{deadline.kind}:{deadline.date.isoformat()}:{days}"
            if ReminderLog.objects.filter(key=key).exists():
                continue
            subject = _("Deadline in %(days)s days: %(label)s – %(title)s") % {
                "days": (deadline.date - today).days,
                "label": deadline.label,
                "title": agreement.title,
            }
            body = _("%(label)s for “%(title)s”: %(date)s.\n\n%(url)s") % {
                "label": deadline.label,
                "title": agreement.title,
                "date": date_format(deadline.date, "DATE_FORMAT"),
                "url": absolute_url(agreement.get_absolute_url()),
            }
            count = send_reminder(subject, body, _party_emails(agreement))
            ReminderLog.objects.create(key=key, recipients=count)
            sent["agreements"] += 1
    horizon = today + timedelta(days=max(ACTION_REMINDER_DAYS))
    for item in (
        ActionItem.objects.filter(due_on__lte=horizon, due_on__gte=today)
        .exclude(status=ActionStatus.DONE)
        .select_related("assignee", "meeting")
    ):
        days = min(d for d in ACTION_REMINDER_DAYS if item.due_on - timedelta(days=d) <= today)
        key = f"action:{item.pk}:{item.due_on.isoformat()}:{days}"
        if ReminderLog.objects.filter(key=key).exists():
            continue
        count = send_reminder(
            _("Action item due on %(date)s: %(title)s")
            % {"date": date_format(item.due_on, "DATE_FORMAT"), "title": item.title},
            _("From the meeting “%(meeting)s”.\n\n%(url)s")
            % {
                "meeting": item.meeting.title,
                "url": absolute_url(item.meeting.get_absolute_url()),
            },
            [item.assignee.email],
        )
        ReminderLog.objects.create(key=key, recipients=count)
        sent["action_items"] += 1
    return sent
