"""“How is this computed?” for goal progress and trends (hand-worked examples)."""

from types import SimpleNamespace

from django.utils import translation

from ikonnekt.planning import explain


def _node(**kw):
    base = dict(
        has_indicator=True, baseline_value=55.0, target_value=95.0, baseline_year=2018, target_year=2030,
        feed_id=None, feed=None, rollup="average", weight=1.0,
    )  # fmt: skip
    base.update(kw)
    return SimpleNamespace(**base)


def test_progress_of_an_indicator_shows_the_formula_with_its_numbers():
    # (75 − 55) ÷ (95 − 55) × 100 = 20 ÷ 40 × 100 = 50 %
    with translation.override("en"):
        text = explain.progress_text(_node(), 50.0, latest=(2025, 75.0))
    assert "(75.00 − 55.00) ÷ (95.00 − 55.00) × 100 = 50.0 %, limited to 0–100 %: 50.0 %" in text
    assert "2025" in text and "2018" in text and "2030" in text


def test_progress_explanation_uses_german_numbers():
    with translation.override("de"):
        text = explain.progress_text(
            _node(baseline_value=0.0, target_value=3500.0), 100.0, latest=(2025, 6488.645)
        )
    # (6,488.645 − 0) ÷ 3,500 × 100 = 185.4 %, limited to 100 %
    assert "6.488,65" in text and "3.500,00" in text and "185,4" in text
    assert text.count("100,0 %") == 1


def test_weighted_goal_explains_its_children():
    children = [(_node(weight=2.0), 50.0), (_node(weight=1.0), 80.0), (_node(weight=1.0), None)]
    # (50 × 2 + 80 × 1) ÷ (2 + 1) = 180 ÷ 3 = 60 %
    with translation.override("en"):
        text = explain.progress_text(_node(rollup="weighted"), 60.0, children=children)
    assert "(50.0 % × 2.00 + 80.0 % × 1.00) ÷ (2.00 + 1.00) = 60.0 %" in text


def test_trend_explains_slope_and_threshold():
    # slope of (2020, 10), (2021, 12), (2022, 14) = 2 per year; mean level 12 → 2 ÷ 12 = 16.67 % a year
    with translation.override("en"):
        text = explain.trend_text([(2020, 10.0), (2021, 12.0), (2022, 14.0)], "increase")
    assert "2020–2022" in text
    assert "2.000 per year" in text
    assert "12.00" in text and "16.67 %" in text
    assert "±1 %" in text
