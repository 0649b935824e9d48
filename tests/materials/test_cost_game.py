"""The green-waste cost game: own plants, third-party plants, fixed costs with the owner; fast = MILP."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikonnekt.materials import coalitions, cost_sharing, synthetic, transport
from ikonnekt.materials.allocation import Options, Plant, Point

# Vehicle: 10 t per trip, no cost per trip, 1 €/km → transport = 1/10 trip/t × 2 × km × 1 €/km = 0.2 €/t per km
VEHICLE = transport.Vehicle(payload_t=10, payload_m3=1000, cost_per_km=1, cost_per_trip=0, kg_co2e_per_km=1)


def hand_game():
    """Three municipalities A, B, C; plant P owned by A; the EVS plant (third party).

    Quantities: A 60 t, B 50 t, C 40 t (all the municipalities' own green waste).
    P: own plant of A, 100 t/a, 10 €/t variable cost, 1,000 €/a fixed cost (A pays it, used or not).
    EVS: third party, 1,000 t/a, gate fee 40 €/t (its fixed costs are in the gate fee).
    Distances (km) A–P 0, B–P 25, C–P 50; A–EVS 50, B–EVS 25, C–EVS 0; transport 0.2 €/t per km.

    Cost per tonne: to P  A 10, B 10 + 5 = 15, C 10 + 10 = 20;
                    to EVS A 40 + 10 = 50, B 40 + 5 = 45, C 40.
    Saving of P over the EVS per tonne: A 40, B 30, C 20 (P's 100 t go to the biggest saving first).

    v(A)   = 1,000 + 60 × 10                                   = 1,600
    v(B)   = 50 × 45 (B may not use A's plant)                   = 2,250
    v(C)   = 40 × 40                                           = 1,600
    v(AB)  = 1,000 + 60 × 10 + 40 × 15 + 10 × 45 (P full)      = 2,650
    v(AC)  = 1,000 + 60 × 10 + 40 × 20                         = 2,400
    v(BC)  = 2,250 + 1,600                                     = 3,850
    v(ABC) = 1,000 + 60 × 10 + 40 × 15 + 10 × 45 + 40 × 40     = 4,250
    """
    points = [
        Point("a", "Platz A", "A", 60, bulk_density=1.0),
        Point("b", "Platz B", "B", 50, bulk_density=1.0),
        Point("c", "Platz C", "C", 40, bulk_density=1.0),
    ]
    plants = [
        Plant("p", "Anlage P", 100, gate_fee=10, fixed_cost=1000, owner="A"),
        Plant("evs", "EVS", 1000, gate_fee=40),
    ]
    km = np.array([[0.0, 50.0], [25.0, 25.0], [50.0, 0.0]])
    return points, plants, km


EXPECTED = {
    (0,): 1600,
    (1,): 2250,
    (2,): 1600,
    (0, 1): 2650,
    (0, 2): 2400,
    (1, 2): 3850,
    (0, 1, 2): 4250,
}


def _mask(members):
    return sum(1 << i for i in members)


@pytest.mark.parametrize("method", ["fast", "milp"])
def test_hand_worked_characteristic_function(method):
    points, plants, km = hand_game()
    game = coalitions.build_game(points, plants, Options(vehicle=VEHICLE), km)
    assert game.players == ["A", "B", "C"]
    values = game.values(method)
    for members, expected in EXPECTED.items():
        assert values[_mask(members)] == pytest.approx(expected), members


def test_hand_worked_shapley_value_and_nucleolus():
    """Shapley with weights 1/3 (alone), 1/6 (one partner), 1/3 (both):

    φA = 1,600/3 + (2,650 − 2,250)/6 + (2,400 − 1,600)/6 + (4,250 − 3,850)/3 = 866.67
    φB = 2,250/3 + (2,650 − 1,600)/6 + (3,850 − 1,600)/6 + (4,250 − 2,400)/3 = 1,916.67
    φC = 1,600/3 + (2,400 − 1,600)/6 + (3,850 − 2,250)/6 + (4,250 − 2,650)/3 = 1,466.67
    (sum 4,250; saving 5,450 − 4,250 = 1,200 €/a). Nobody pays more than alone, but A and B together
    pay 2,783.33 > v(AB) = 2,650: the Shapley value is outside the core.

    Nucleolus, in savings y = alone − x (w(AB) = 1,200, w(AC) = 800, w(BC) = 0, w(N) = 1,200):
    C adds nothing to A and B (w(N) = w(AB)), so the largest unhappiness min(y_C, y_A + y_B − 1,200)
    = min(y_C, −y_C) is best at y_C = 0 (least-core ε = 0: the core is not empty, but thin). Then
    max min(y_A − 800, y_B) with y_A + y_B = 1,200 gives y_A − 800 = 1,200 − y_A → y_A = 1,000,
    y_B = 200. Nucleolus x = (1,600 − 1,000, 2,250 − 200, 1,600 − 0) = (600, 2,050, 1,600).
    """
    points, plants, km = hand_game()
    game = coalitions.build_game(points, plants, Options(vehicle=VEHICLE), km)
    out = cost_sharing.analyse(
        game.players, tonnage=[60, 50, 40], inhabitants=[1, 1, 1], values=game.values()
    )
    assert [r["shapley"] for r in out["rows"]] == pytest.approx([866.667, 1916.667, 1466.667], abs=0.01)
    assert out["saving"] == pytest.approx(1200)
    assert not out["core"]["shapley"]["in_core"]
    assert out["core"]["shapley"]["violations"][0]["names"] == ["A", "B"]
    assert out["core"]["shapley"]["violations"][0]["excess"] == pytest.approx(133.333, abs=0.01)
    assert out["core"]["shapley"]["over_alone"] == []
    assert [r["nucleolus"] for r in out["rows"]] == pytest.approx([600, 2050, 1600], abs=1e-6)
    assert out["least_core_eps"] == pytest.approx(0, abs=1e-6)
    assert not out["core_empty"]
    assert out["core"]["nucleolus"]["in_core"]
    # tonnage key: A pays 4,250 × 60/150 = 1,700 > 1,600 alone, and the page must say so
    assert out["rows"][0]["tonnage"] == pytest.approx(1700)
    assert out["rows"][0]["over_tonnage"]
    assert out["core"]["tonnage"]["over_alone"] == ["A"]


def test_fixed_costs_of_an_unused_own_plant_stay_with_the_owner():
    points, plants, km = hand_game()
    plants[0].gate_fee = 100  # A's plant is now dearer than the EVS for everybody
    game = coalitions.build_game(points, plants, Options(vehicle=VEHICLE), km)
    values = game.values()
    # v(A) = 1,000 (fixed, unused plant) + 60 × 50 at the EVS = 4,000
    assert values[_mask([0])] == pytest.approx(4000)
    assert values[_mask([1])] == pytest.approx(2250)


def test_household_green_waste_is_not_part_of_the_game_but_takes_capacity():
    points, plants, km = hand_game()
    points.append(Point("h", "Sammelplatz Haushalte B", "B", 30, bulk_density=1.0, responsibility="evs"))
    km = np.vstack([km, [25.0, 25.0]])
    # 30 t of the EVS's household waste sit in A's plant in the overall optimum: 70 t remain for the game
    game = coalitions.build_game(points, plants, Options(vehicle=VEHICLE), km, reserved=[30, 0])
    values = game.values()
    # v(A) unchanged: 60 t fit into 70 t
    assert values[_mask([0])] == pytest.approx(1600)
    # v(AB) = 1,000 + 60 × 10 + 10 × 15 + 40 × 45 = 3,550 (only 70 t in P)
    assert values[_mask([0, 1])] == pytest.approx(3550)
    assert game.q.sum() == pytest.approx(150)  # the 30 t of the EVS are not the municipalities' to split


def test_candidate_site_opened_only_where_it_pays_for_itself():
    """A candidate without owner (any group may build it): 200 t/a, 5 €/t, 1,500 €/a fixed.

    Cost per tonne there: 5 + 0.2 × 10 km = 7 for everybody.
    v(C) alone: 40 × 40 = 1,600 without it; with it 1,500 + 40 × 7 = 1,780 → stays at 1,600.
    v(BC): without 3,850; with it 1,500 + 90 × 7 = 2,130 → 2,130.
    """
    points, plants, km = hand_game()
    plants.append(Plant("n", "Neuer Platz", 200, gate_fee=5, fixed_cost=1500, candidate=True))
    km = np.hstack([km, np.full((3, 1), 10.0)])
    game = coalitions.build_game(points, plants, Options(vehicle=VEHICLE), km)
    fast, plain = game.values("fast"), game.values("milp")
    assert fast[_mask([2])] == pytest.approx(1600)
    assert fast[_mask([1, 2])] == pytest.approx(2130)
    assert fast == pytest.approx(plain)


def _random_game(seed, n_players=5, single_source=False):
    rng = np.random.default_rng(seed)
    names = [f"G{i}" for i in range(n_players)]
    points = [
        Point(f"p{i}{k}", f"P{i}{k}", names[i], float(rng.integers(20, 120)), bulk_density=0.3)
        for i in range(n_players)
        for k in range(2)
    ]
    plants = [
        Plant("evs", "EVS", 5000, gate_fee=float(rng.integers(35, 55))),
        Plant("o1", "Eigen 1", float(rng.integers(100, 300)), gate_fee=8, fixed_cost=2000, owner=names[0]),
        Plant("o2", "Eigen 2", float(rng.integers(100, 300)), gate_fee=12, fixed_cost=1500, owner=names[1]),
        Plant("c1", "Kandidat", float(rng.integers(150, 400)), gate_fee=4, fixed_cost=3000, candidate=True),
        Plant(
            "c2", "Kandidat 2", float(rng.integers(100, 250)), gate_fee=6, fixed_cost=2500, candidate=True,
            owner=names[2],
        ),
    ]  # fmt: skip
    km = rng.uniform(1, 30, size=(len(points), len(plants)))
    return coalitions.build_game(points, plants, Options(single_source=single_source), km)


@settings(max_examples=6, deadline=None)
@given(st.integers(0, 10_000), st.booleans())
def test_fast_values_equal_the_plain_milp_on_every_coalition(seed, single_source):
    game = _random_game(seed, single_source=single_source)
    assert game.values("fast") == pytest.approx(game.values("milp"), rel=1e-7, abs=1e-6)


def test_fast_values_equal_the_plain_milp_on_a_sample_of_13_player_coalitions():
    game = synthetic.game(13)
    rng = np.random.default_rng(13)
    sample = rng.choice(np.arange(1, 1 << game.n), size=60, replace=False)
    for mask in [*sample.tolist(), (1 << game.n) - 1]:
        assert game.value_fast(mask) == pytest.approx(game.value_milp(mask), rel=1e-7), mask


def test_without_the_highs_binding_shortest_paths_and_linprog_give_the_same_values(monkeypatch):
    game = synthetic.game(6, seed=3)
    warm = game.values("fast")
    game.warm = None  # as if scipy no longer exposed the HiGHS binding: successive shortest paths
    assert game.values("fast") == pytest.approx(warm, rel=1e-9)
    assert game.ssp_solves > 0
    monkeypatch.setattr(coalitions, "transport_ssp", lambda *args: None)  # and then linprog
    assert game.values("fast") == pytest.approx(warm, rel=1e-9)


def test_successive_shortest_paths_equal_linprog_on_random_transportation_problems():
    from scipy import sparse
    from scipy.optimize import linprog

    rng = np.random.default_rng(2100)
    for _ in range(40):
        p, m = int(rng.integers(2, 27)), int(rng.integers(2, 6))
        cost = rng.uniform(5, 80, (p, m))
        q = rng.uniform(10, 900, p)
        capacity = rng.uniform(0.1, 1.0, m) * q.sum()
        a_eq = sparse.kron(sparse.eye(p), np.ones((1, m)))
        a_ub = sparse.kron(np.ones((1, p)), sparse.eye(m))
        ref = linprog(cost.ravel(), A_ub=a_ub, b_ub=capacity, A_eq=a_eq, b_eq=q, method="highs")
        value = coalitions.transport_ssp(cost, q, capacity)
        if ref.status == 2:
            assert value == coalitions.INFEASIBLE
        else:
            assert value == pytest.approx(ref.fun, rel=1e-9)


def test_one_overloaded_plant_is_solved_without_an_lp():
    """Two points of 10 t, plant A (cap 12 t) at 1 €/t is cheapest for both, plant B (cap 100 t) costs
    3 €/t for the first and 5 €/t for the second: 8 t must leave A; by hand the first point moves
    (regret 2 < 4): 12 × 1 + 8 × 3 = 36 €, the same as the LP."""
    cost = np.array([[1.0, 3.0], [1.0, 5.0]])
    q = np.array([10.0, 10.0])
    cheapest = np.array([0, 0])
    extra, load = coalitions.Game._move_excess(cost, q, cheapest, cost[:, 0], 0, 8.0)
    assert extra == pytest.approx(16.0)  # 8 t × regret 2
    assert load.tolist() == pytest.approx([12.0, 8.0])
    assert 20 * 1 + extra == pytest.approx(36.0)
    assert coalitions.transport_ssp(cost, q, np.array([12.0, 100.0])) == pytest.approx(36.0)
