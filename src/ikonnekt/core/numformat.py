"""``floatformat`` for views that pre-format table cells (issue #18: per-cell template filters are costly).

:func:`floatformat` returns exactly what the template filter ``{{ value|floatformat:digits }}``
renders (German "1234,5": no grouping, half-up rounding, no "-0,0"), for plain ``float``/``int``
values with 1–6 digits in a few microseconds; anything else goes to Django's filter itself.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.template import defaultfilters
from django.utils.formats import get_format

_EXPONENTS = {p: Decimal(1).scaleb(-p) for p in range(1, 7)}
_LIMIT = 1e15  # beyond this (or for NaN/inf) the filter's own arithmetic is used


def floatformat(value, digits: int = 1) -> str:
    """``floatformat(1234.56, 1)`` → "1234,6" in German, as ``{{ 1234.56|floatformat:1 }}``."""
    kind = type(value)
    if (kind is float or kind is int) and digits in _EXPONENTS and -_LIMIT < value < _LIMIT:
        rounded = Decimal(str(value)).quantize(_EXPONENTS[digits], ROUND_HALF_UP)
        if not rounded:
            rounded = abs(rounded)  # the filter shows "0,0", never "-0,0"
        text = f"{rounded:f}"
        separator = get_format("DECIMAL_SEPARATOR")
        return text if separator == "." else text.replace(".", separator)
    return str(defaultfilters.floatformat(value, digits))
