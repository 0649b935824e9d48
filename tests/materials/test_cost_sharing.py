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
