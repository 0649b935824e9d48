"""Shapley value and core: efficiency, symmetry, dummy, a closed-form game and core checks."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikonnekt.materials import cost_sharing


def airport(costs):
    return lambda s: max((costs[i] for i in s), default=0.0)


def test_airport_game_has_the_textbook_shapley_value_and_is_in_the_core():
    costs = [30.0, 50.0, 80.0]
    phi, exact = cost_sharing.shapley(3, airport(costs))
    assert exact
    assert phi == pytest.approx([10.0, 20.0, 50.0])  # c1/3, c1/3 + (c2−c1)/2, … + (c3−c2)
    assert cost_sharing.core_violations(3, phi, airport(costs)) == []


def test_a_split_that_overcharges_a_coalition_is_outside_the_core():
    violations = cost_sharing.core_violations(3, [40.0, 10.0, 30.0], airport([30.0, 50.0, 80.0]))
    assert {tuple(v["members"]) for v in violations} >= {(0,)}


@st.composite
def games(draw):
    n = draw(st.integers(2, 6))
    values = {frozenset(): 0.0}
    for r in range(1, n + 1):
        for combo in itertools.combinations(range(n), r):
            values[frozenset(combo)] = draw(st.floats(0, 1000))
    return n, values


@settings(max_examples=40, deadline=None)
@given(games())
def test_shapley_is_efficient(game):
    n, values = game
    phi, _ = cost_sharing.shapley(n, lambda s: values[frozenset(s)])
    assert phi.sum() == pytest.approx(values[frozenset(range(n))], abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 7), st.floats(1, 100), st.floats(0, 50))
def test_symmetric_players_get_the_same_and_dummies_get_nothing(n, unit, discount):
    # players 0..n−2 symmetric; player n−1 a dummy (adds nothing)
    def v(s):
        k = len([i for i in s if i != n - 1])
        return k * unit - discount * max(0, k - 1) * 0.01 * unit

    phi, _ = cost_sharing.shapley(n, v)
    assert np.allclose(phi[:-1], phi[0])
    assert phi[-1] == pytest.approx(0, abs=1e-9)


def test_sampling_approximates_the_exact_value():
    rng = np.random.default_rng(3)
    weights = rng.uniform(1, 10, 8)

    def v(s):
        return float(np.sqrt(sum(weights[i] for i in s)))

    exact = cost_sharing.shapley_exact(8, cost_sharing.coalition_values(8, v))
    sampled = cost_sharing.shapley_sampled(8, v, samples=3000)
    assert sampled.sum() == pytest.approx(exact.sum())  # efficient by construction
    assert np.abs(sampled - exact).max() < 0.05


def test_analyse_reports_saving_and_splits():
    costs = [30.0, 50.0, 80.0]
    out = cost_sharing.analyse(["A", "B", "C"], airport(costs), tonnage=[1, 1, 2], inhabitants=[100, 0, 100])
    assert out["alone_total"] == pytest.approx(160)
    assert out["joint"] == pytest.approx(80)
    assert out["saving"] == pytest.approx(80)
    assert [r["tonnage"] for r in out["rows"]] == pytest.approx([20, 20, 40])
    assert [r["inhabitants"] for r in out["rows"]] == pytest.approx([40, 0, 40])
    assert out["core"]["shapley"]["in_core"]
    assert not out["core"]["inhabitants"]["in_core"]  # A pays 40 > 30 alone


def _values(n, table):
    values = np.zeros(1 << n)
    for members, v in table.items():
        values[sum(1 << i for i in members)] = v
    return values


def test_nucleolus_of_a_three_player_game_worked_by_hand():
    """Cost game v1 = 40, v2 = 50, v3 = 60, v12 = 60, v13 = 90, v23 = 110, v123 = 114.

    Savings w(S) = Σ v(i) − v(S): w12 = 30, w13 = 10, w23 = 0, w123 = 36 (y = savings of a split).
    Stage 1: maximise min(y3, y1 + y2 − 30 = 6 − y3) → y3 = 3 (value 3: least-core ε = −3 in costs).
    Stage 2: y1 + y2 = 33, maximise min(y1 + y3 − 10 = y1 − 7, y2) → y1 − 7 = 33 − y1 → y1 = 20, y2 = 13.
    Nucleolus x = (40 − 20, 50 − 13, 60 − 3) = (20, 37, 57).
    Shapley of w: φ1 = 30/6 + 10/6 + (36 − 0)/3 = 18.67, φ2 = 30/6 + 0/6 + (36 − 10)/3 = 13.67,
    φ3 = 10/6 + 0/6 + (36 − 30)/3 = 3.67 → x = (21.33, 36.33, 56.33).
    """
    values = _values(3, {(0,): 40, (1,): 50, (2,): 60, (0, 1): 60, (0, 2): 90, (1, 2): 110, (0, 1, 2): 114})
    x, eps = cost_sharing.nucleolus(3, values)
    assert x == pytest.approx([20, 37, 57], abs=1e-6)
    assert eps == pytest.approx(-3, abs=1e-6)
    assert cost_sharing.shapley_exact(3, values) == pytest.approx([21.333, 36.333, 56.333], abs=1e-3)


def test_empty_core_is_reported_and_the_nucleolus_spreads_the_unavoidable_excess():
    """v(i) = 100, every pair 120, all three 190.

    Core: x_i + x_j ≤ 120 for the three pairs → 2 Σ x ≤ 360 → Σ x ≤ 180 < 190: empty.
    Least core: x_i + x_j ≤ 120 + ε, symmetric x = 190/3 = 63.33 → ε = 126.67 − 120 = 6.67.
    Every member still pays less than alone (63.33 < 100); every pair pays 6.67 more than alone.
    """
    values = _values(
        3, {(0,): 100, (1,): 100, (2,): 100, (0, 1): 120, (0, 2): 120, (1, 2): 120, (0, 1, 2): 190}
    )
    out = cost_sharing.analyse(["A", "B", "C"], tonnage=[1, 1, 1], inhabitants=[1, 1, 1], values=values)
    assert out["core_empty"]
    assert out["least_core_eps"] == pytest.approx(20 / 3)
    assert [r["nucleolus"] for r in out["rows"]] == pytest.approx([190 / 3] * 3)
    assert not out["core"]["nucleolus"]["in_core"]
    assert out["core"]["nucleolus"]["count"] == 3
    assert out["core"]["nucleolus"]["over_alone"] == []


def test_no_nucleolus_when_cooperation_costs_more_than_going_alone():
    values = _values(2, {(0,): 10, (1,): 10, (0, 1): 25})
    out = cost_sharing.analyse(["A", "B"], tonnage=[1, 1], inhabitants=[1, 1], values=values)
    assert out["nucleolus_error"] == "no_imputation"
    assert out["core_empty"]
    assert "nucleolus" not in out["splits"]
    assert out["rows"][0]["over_shapley"]  # 12.5 > 10, and the page says why
