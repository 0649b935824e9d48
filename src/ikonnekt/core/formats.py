"""Numbers, money and times as text for the active language (mails, PDFs, labels built in Python).

Templates localise numbers and convert times by themselves; text assembled in Python (mail bodies,
form choice labels, chart labels) does not: ``f"{price} €"`` gives "4.60 €" and ``f"{dt:%H:%M}"``
gives the UTC hour. Use these helpers there instead.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.formats import date_format, number_format

from ikonnekt.core import numformat


def number(value, digits: int | None = None, grouping: bool = True) -> str:
    """``number(1234.5, 1)`` → "1.234,5" in German, "1,234.5" in English. Rounds half up
    (kaufmännisches Runden, DIN 1333): 6488.645 → "6.488,65", as a reader recomputing by hand expects."""
    if value is None:
        return ""
    if grouping:
        return numformat.number(value, digits)  # the same text, faster (tests/core/test_numformat.py)
    if digits is not None:
        value = Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return number_format(value, digits, use_l10n=True, force_grouping=grouping)


def money(value) -> str:
    """``money(Decimal("4.6"))`` → "4,60 €" (two decimals, grouped, non-breaking space before €)."""
    if value is None:
        return ""
    return number(value, 2) + "\u00a0€"


def local(value):
    """An aware datetime in the site's time zone (Europe/Berlin); naive values are returned as they are."""
    if value is None or timezone.is_naive(value):
        return value
    return timezone.localtime(value)


def datetime_text(value, fmt: str = "d.m.Y H:i") -> str:
    """A stored (UTC) datetime as local wall-clock text, e.g. "13.12.2026 09:00"."""
    if value is None:
        return ""
    return date_format(local(value), fmt)


def time_range_text(start, end, fmt: str = "d.m. H:i") -> str:
    """``13.12. 09:00–12:00`` (end date repeated only when it differs)."""
    start, end = local(start), local(end)
    end_fmt = "H:i" if start.date() == end.date() else fmt
    return f"{date_format(start, fmt)}–{date_format(end, end_fmt)}"
