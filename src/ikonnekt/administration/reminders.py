"""Deadlines of agreements (notice, end of term, renewal) and their reminder schedule."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _


def add_months(day: date, months: int) -> date:
    """Calendar months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Deadline:
    kind: str  # "notice", "renewal" or "term_end"
    date: date
    label: str


def current_term_end(
    term_end: date | None, renewal_months: int, today: date, notice_given: bool
) -> date | None:
    """The end of the running term: an automatically renewed term moves on until it lies ahead."""
    if term_end is None:
        return None
    if renewal_months and not notice_given:
        while term_end < today:
            term_end = add_months(term_end, renewal_months)
    return term_end


def deadlines(*, term_end, renewal_months, notice_period_months, notice_given_on, today) -> list[Deadline]:
    end = current_term_end(term_end, renewal_months, today, notice_given_on is not None)
    if end is None:
        return []
    result = []
    if notice_given_on is None and notice_period_months:
        notice = add_months(end, -notice_period_months)
        if renewal_months:
            label = _("Last day to give notice before the automatic renewal")
        else:
            label = _("Last day to give notice")
        result.append(Deadline("notice", notice, label))
    if renewal_months and notice_given_on is None:
        result.append(
            Deadline("renewal", end, _("Renewal by %(months)s months") % {"months": renewal_months})
        )
    else:
        result.append(Deadline("term_end", end, _("End of term")))
    return sorted(result, key=lambda d: d.date)


def schedule(deadline: Deadline, days_before: list[int]) -> list[date]:
    """The days on which reminders for ``deadline`` go out (earliest first)."""
    return sorted({deadline.date - timedelta(days=d) for d in days_before})


def due_reminder(deadline: Deadline, days_before: list[int], today: date) -> int | None:
    """The reminder (days before) that is due today, or None.

    Only the most recent threshold counts, so a run missed for a while sends one reminder, not
    several; the caller stores ``(deadline, days)`` to send it once.
    """
    if today > deadline.date:
        return None
    passed = [d for d in days_before if deadline.date - timedelta(days=d) <= today]
    return min(passed) if passed else None
