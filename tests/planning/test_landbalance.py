"""Demand vs potential arithmetic, pool key and land-take target path."""

import pytest

from ikonnekt.planning.landbalance import (
    HousingAssumptions,
    LandTakeTarget,
    balance,
    best_answer,
    housing_demand,
    municipal_allowance_ha,
    pool_shares,
    potential,
)


def test_housing_demand_by_hand():
    # 10,000 inhabitants, −4 % → 9,600; households 10,000/2.0 = 5,000 → 9,600/1.92 = 5,000 (no new ones)
    a = HousingAssumptions(
        years=10,
        population_change_pct=-4,
        household_size_now=2.0,
        household_size_future=1.92,
        replacement_rate_pct=0.2,
        dwellings_per_ha=20,
    )
    d = housing_demand(10_000, a)
    assert d.new_households == pytest.approx(0, abs=1e-9)
    assert d.replacement_dwellings == pytest.approx(100)  # 5,000 × 0.2 % × 10 years
    assert d.hectares == pytest.approx(5.0)  # 100 dwellings / 20 per ha


def test_shrinking_households_add_demand():
    a = HousingAssumptions(
        years=15,
        population_change_pct=0,
        household_size_now=2.0,
        household_size_future=1.6,
        replacement_rate_pct=0,
        dwellings_per_ha=25,
    )
    d = housing_demand(8_000, a)
    assert d.new_households == pytest.approx(1_000)  # 8,000/1.6 − 8,000/2
    assert d.hectares == pytest.approx(40)


def test_potential_weights_sites_by_owner_answer():
    p = potential(
        [
            ("gap", 1_000, "sell"),
            ("gap", 2_000, "conditional"),
            ("gap", 4_000, "not"),
            ("vacant", 10_000, None),
        ]
    )
    assert p.gross_ha == pytest.approx(1.7)
    assert p.mobilisable_ha == pytest.approx(0.1 + 0.1 + 0 + 0.3)
    assert p.by_category == {"gap": pytest.approx(0.7), "vacant": pytest.approx(1.0)}


def test_site_with_several_owners_takes_the_least_willing_answer():
    assert best_answer(["sell", "not"]) == "not"
    assert best_answer(["sell", "conditional"]) == "conditional"
    assert best_answer([]) == "none"


def test_balance():
    b = balance(5.0, potential([("gap", 30_000, "sell")]))
    assert b.surplus_ha == pytest.approx(-2.0)
    assert b.coverage_pct == pytest.approx(60.0)


def test_pool_shares_follow_the_area_brought_in():
    assert pool_shares({"A": 3.0, "B": 1.0}) == {"A": 0.75, "B": 0.25}
    assert pool_shares({"A": 0.0}) == {"A": 0.0}


def test_land_take_allowance_breaks_30_ha_a_day_down_by_inhabitants():
    t = LandTakeTarget(
        national_ha_per_day=30,
        national_inhabitants=80_000_000,
        target_year=2030,
        start_year=2016,
        start_ha_per_day=58,
    )
    # 2030: 30 ha/day × 365 × 8,000 / 80 M = 1.095 ha
    assert municipal_allowance_ha(2030, 8_000, t) == pytest.approx(1.095)
    # 2023: half way on the linear path, 44 ha/day
    assert municipal_allowance_ha(2023, 8_000, t) == pytest.approx(44 * 365 * 8_000 / 80_000_000)
    assert municipal_allowance_ha(2010, 8_000, t) == pytest.approx(58 * 365 * 8_000 / 80_000_000)
