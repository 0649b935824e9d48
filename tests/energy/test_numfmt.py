"""The fast number formatting of the energy pages gives the same text as the originals."""

import random
from decimal import Decimal

import pytest
from django.template.defaultfilters import floatformat as django_floatformat
from django.utils import translation

from ikonnekt.core.formats import number as core_number
from ikonnekt.energy import numfmt

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


def values():
    rng = random.Random(18)
    out = list(SPECIAL)
    for _ in range(1000):
        magnitude = 10 ** rng.randint(-6, 9)
        out.append(rng.uniform(-1, 1) * magnitude)
        out.append(round(rng.uniform(-1, 1) * magnitude, rng.randint(0, 4)))
    return out


@pytest.mark.parametrize("lang", ["de", "en"])
def test_number_equals_core_formats(lang):
    with translation.override(lang):
        for v in values():
            for digits in (None, 0, 1, 2, 3, 4, 6):
                if digits is None and isinstance(v, float) and v != v:
                    continue
                assert numfmt.number(v, digits) == core_number(v, digits), (v, digits)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_floatformat_equals_the_template_filter(lang):
    with translation.override(lang):
        for v in values() + ["", "x", "12.3"]:
            for arg in ("0g", "1g", "-3g", "1", "0", "-1", "2", -1, 2):
                assert numfmt.floatformat(v, arg) == django_floatformat(v, arg), (v, arg)
