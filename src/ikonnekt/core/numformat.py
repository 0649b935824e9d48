"""Fast number formatting for pages that print hundreds of figures (issue #18).

``number`` is :func:`ikonnekt.core.formats.number` (grouped, localised, rounded half up) and
``floatformat`` gives exactly what Django's ``floatformat`` template filter gives, in the active
language, for views that pre-format table cells instead of running the filter per cell. They read
the language's separators once (not three lazy format look-ups per number) and group the digits
themselves. tests/core/test_numformat.py compares them with Django's ``number_format`` and the
filter over thousands of values in German and English.
"""

from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, getcontext

from django.conf import settings
from django.utils.formats import get_format
from django.utils.translation import get_language

_SEPARATORS = {}
_QUANTA = {}
_CUTOFFS = {}
_CONTEXTS = {}  # quantize's context by precision (only the precision is set)


def separators():
    """(decimal separator, thousand separator, grouping) of the active language."""
    lang = get_language()
    seps = _SEPARATORS.get(lang)
    if seps is None:
        grouping = get_format("NUMBER_GROUPING")
        seps = _SEPARATORS[lang] = (
            str(get_format("DECIMAL_SEPARATOR")),
            str(get_format("THOUSAND_SEPARATOR")),
            grouping if isinstance(grouping, int) else tuple(grouping),
        )
    return seps


def _group(int_part, thousand_sep, grouping):
    if isinstance(grouping, int):
        if len(int_part) <= grouping:
            return int_part
        head = len(int_part) % grouping or grouping
        parts = [int_part[:head]] + [int_part[i : i + grouping] for i in range(head, len(int_part), grouping)]
        return thousand_sep.join(parts)
    # a sequence of group sizes (locale module style), as django.utils.numberformat does it
    intervals = list(grouping)
    active = intervals.pop(0)
    out = ""
    cnt = 0
    for digit in int_part[::-1]:
        if cnt and cnt == active:
            if intervals:
                active = intervals.pop(0) or active
            out += thousand_sep[::-1]
            cnt = 0
        out += digit
        cnt += 1
    return out[::-1]


def _format(str_number, decimal_pos, grouped, seps):
    """django.utils.numberformat.format for a plain (non-scientific) number string."""
    decimal_sep, thousand_sep, grouping = seps
    sign = ""
    if str_number[0] == "-":
        sign = "-"
        str_number = str_number[1:]
    int_part, dot, dec_part = str_number.partition(".")
    if decimal_pos is not None:
        dec_part = dec_part[:decimal_pos]
        dec_part += "0" * (decimal_pos - len(dec_part))
    if dec_part:
        dec_part = decimal_sep + dec_part
    if grouped and grouping != 0:
        int_part = _group(int_part, thousand_sep, grouping)
    return sign + int_part + dec_part


def number(value, digits=None, seps=None) -> str:
    """``number(1234.5, 1)`` → "1.234,5" in German (grouped, localised, rounded half up)."""
    if value is None:
        return ""
    seps = seps or separators()
    if digits is None:
        if isinstance(value, Decimal):
            return _decimal(value, None, seps)
        if isinstance(value, float) and "e" in str(value).lower():
            return _decimal(Decimal(str(value)), None, seps)
        return _format(str(value), None, True, seps)
    quantum = _QUANTA.get(digits)
    if quantum is None:
        quantum = _QUANTA[digits] = Decimal(1).scaleb(-digits)
    return _decimal(Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP), digits, seps)


def _decimal(value, decimal_pos, seps):
    if decimal_pos is not None:
        cutoff = _CUTOFFS.get(decimal_pos)
        if cutoff is None:
            cutoff = _CUTOFFS[decimal_pos] = Decimal("0." + "1".rjust(decimal_pos, "0"))
        if abs(value) < cutoff:
            value = Decimal("0")
    _sign, digits, exponent = value.as_tuple()
    if abs(exponent) + len(digits) > 200:  # pragma: no cover - as Django: scientific notation
        from django.utils.formats import number_format

        return number_format(value, decimal_pos, use_l10n=True, force_grouping=True)
    return _format(f"{value:f}", decimal_pos, True, seps)


def floatformat(value, arg=-1, seps=None) -> str:
    """Same text as the ``floatformat`` template filter (localised; ``"…g"`` groups)."""
    grouped = bool(settings.USE_THOUSAND_SEPARATOR)
    if isinstance(arg, str):
        if arg[-1] == "g":
            grouped = True
            arg = arg[:-1] or -1
    try:
        input_val = str(value)
        d = Decimal(input_val)
    except InvalidOperation:
        try:
            d = Decimal(str(float(value)))
        except (ValueError, InvalidOperation, TypeError):
            return ""
    p = int(arg)
    _, digits, exponent = d.as_tuple()
    try:
        if len(digits) + abs(exponent) > 200:
            return input_val
    except TypeError:
        pass
    try:
        m = int(d) - d
    except (ValueError, OverflowError, InvalidOperation):
        return input_val
    seps = seps or separators()
    if not m and p <= 0:
        return _format(str(int(d)), 0, grouped, seps)
    exp = _QUANTA.get(abs(p))
    if exp is None:
        exp = _QUANTA[abs(p)] = Decimal(1).scaleb(-abs(p))
    units = len(digits)
    units += -exponent if m else exponent
    prec = max(getcontext().prec, abs(p) + units + 1)
    context = _CONTEXTS.get(prec)
    if context is None:
        context = _CONTEXTS[prec] = Context(prec=prec)
    rounded_d = d.quantize(exp, ROUND_HALF_UP, context)
    # the filter writes the digits out one by one; "f" gives the same text (the quantized exponent
    # is -abs(p)), except that the filter drops the sign of a zero
    text = f"{rounded_d:f}"
    if text[0] == "-" and not rounded_d:
        text = text[1:]
    return _format(text, abs(p), grouped, seps)
