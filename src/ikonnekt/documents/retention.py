"""Retention periods: when a record may be disposed of (plain functions, no web code)."""

import datetime


def due_date(start: datetime.date | None, years: int) -> datetime.date | None:
    """End of the retention period: the period starts at the end of the year of ``start``
    (the usual rule in German records management), so it ends on 31 December of
    ``start.year + years``; None while the starting event has not happened."""
    if start is None:
        return None
    return datetime.date(start.year + years, 12, 31)


def is_due(start, years, today: datetime.date) -> bool:
    due = due_date(start, years)
    return due is not None and due < today
