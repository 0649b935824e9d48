"""Booking rules and the conflict check for shared resources (plain functions)."""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Rules:
    available_from: time
    available_until: time
    weekdays_only: bool = True
    min_hours: Decimal = Decimal("0")
    max_hours: Decimal = Decimal("24")


def rule_errors(start: datetime, end: datetime, rules: Rules) -> dict:
    """Field → message for a booking that breaks the resource's rules (empty when fine)."""
    if end <= start:
        return {"end": _("The booking ends before it starts.")}
    errors = {}
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    if local_start.date() != local_end.date():
        errors["end"] = _("A booking starts and ends on the same day.")
    if rules.weekdays_only and (local_start.weekday() >= 5 or local_end.weekday() >= 5):
        errors["start"] = _("This resource can only be booked on working days (Monday to Friday).")
    if local_start.time() < rules.available_from or local_end.time() > rules.available_until:
        errors.setdefault(
            "start",
            _("This resource can be booked between %(start)s and %(end)s.")
            % {
                "start": time_format(rules.available_from, "H:i"),
                "end": time_format(rules.available_until, "H:i"),
            },
        )
    hours = Decimal((end - start).total_seconds()) / 3600
    if hours < Decimal(rules.min_hours):
        errors.setdefault("end", _("The shortest booking is %(h)s hours.") % {"h": rules.min_hours})
    if hours > Decimal(rules.max_hours):
        errors.setdefault("end", _("The longest booking is %(h)s hours.") % {"h": rules.max_hours})
    return errors


def conflicts_naive(start, end, intervals):
    """Every interval ``(start, end, payload)`` overlapping [start, end) – linear scan (baseline)."""
    return [iv for iv in intervals if iv[0] < end and iv[1] > start]


class IntervalIndex:
    """Non-overlapping intervals sorted by start; a conflict query is two binary searches.

    Because confirmed bookings never overlap, sorting by start also sorts by end, so the
    conflicting bookings are one contiguous run.
    """

    def __init__(self, intervals):
        self.intervals = sorted(intervals, key=lambda iv: iv[0])
        self.starts = [iv[0] for iv in self.intervals]
        self.ends = [iv[1] for iv in self.intervals]

    def conflicts(self, start, end):
        lo = bisect_right(self.ends, start)  # first interval ending after ``start``
        hi = bisect_left(self.starts, end)  # intervals starting before ``end``
        return self.intervals[lo:hi]
