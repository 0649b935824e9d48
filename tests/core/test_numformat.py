"""core.numformat gives the same text as Django's number_format (rounded half up) and floatformat filter."""

import random
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.template.defaultfilters import floatformat as django_floatformat
from django.utils import translation
from django.utils.formats import number_format

from ikonnekt.core import formats, numformat

SPECIAL = [
    0,
    0.0,
    -0.0,
    0.5,
    -0.5,
    0.004,
    -0.004,
    0.005,
    -0.005,
    0.049,
    1,
    -1,
    999,
    1000,
    -1000,
    999.5,
    999.95,
    1234.5,
    6488.645,
    1e6,
    12345678.9,
    -98765.4321,
    1e-7,
    2.5e-5,
    1e16,
    1.5e20,
    Decimal("12.50"),
    Decimal("-0.001"),
    Decimal("1234567"),
    7,
    -123456,
    None,
]


def reference_number(value, digits):
    """What core.formats.number did before it used core.numformat (Django's own formatting)."""
    if value is None:
        return ""
    if digits is not None:
        value = Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return number_format(value, digits, use_l10n=True, force_grouping=True)


def values():
    rng = random.Random(18)
    out = list(SPECIAL)
    for _ in range(1000):
        magnitude = 10 ** rng.randint(-6, 9)
        out.append(rng.uniform(-1, 1) * magnitude)
        out.append(round(rng.uniform(-1, 1) * magnitude, rng.randint(0, 4)))
    return out


@pytest.mark.parametrize("lang", ["de", "en"])
def test_number_equals_djangos_number_format(lang):
    with translation.override(lang):
        for v in values():
            for digits in (None, 0, 1, 2, 3, 4, 6):
                if digits is None and isinstance(v, float) and v != v:
                    continue
                expected = reference_number(v, digits)
                assert numformat.number(v, digits) == expected, (v, digits)
                assert formats.number(v, digits) == expected, (v, digits)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_floatformat_equals_the_template_filter(lang):
    with translation.override(lang):
        for v in values() + ["", "x", "12.3"]:
            for arg in ("0g", "1g", "-3g", "1", "0", "-1", "2", -1, 2):
                assert numformat.floatformat(v, arg) == django_floatformat(v, arg), (v, arg)


@pytest.mark.parametrize("language", ["de", "en"])
def test_floatformat_with_integer_digits_matches_the_filter(language):
    rng = random.Random(18)
    extra = [-0.04, 0.05, -0.05, 0.25, 2.675, 1.005, 1234.56, -1234.55, 1e14, -3]
    vals = (
        extra + [rng.uniform(-1e6, 1e6) for _ in range(300)] + [rng.randint(-9999, 9999) for _ in range(50)]
    )
    with translation.override(language):
        for value in vals:
            for digits in (0, 1, 2, 3):
                assert numformat.floatformat(value, digits) == django_floatformat(value, digits), (
                    value,
                    digits,
                )
