"""core.numformat.floatformat renders what the template filter renders."""

import random

import pytest
from django.template import defaultfilters
from django.utils import translation

from ikonnekt.core.numformat import floatformat

VALUES = [
    0,
    0.0,
    -0.0,
    -0.04,
    0.05,
    -0.05,
    0.25,
    2.675,
    1.005,
    1234.56,
    -1234.55,
    1e14,
    -3,
    7,
    1e-7,
    None,
    "",
    "x",
]


@pytest.mark.parametrize("language", ["de", "en"])
def test_floatformat_matches_the_template_filter(language):
    rng = random.Random(18)
    values = (
        VALUES + [rng.uniform(-1e6, 1e6) for _ in range(500)] + [rng.randint(-9999, 9999) for _ in range(50)]
    )
    with translation.override(language):
        for value in values:
            for digits in (0, 1, 2, 3):
                assert floatformat(value, digits) == str(defaultfilters.floatformat(value, digits)), (
                    value,
                    digits,
                )
