"""VDI 2067 Blatt 1 (2012) annuity method for quarter variants: the hand-worked example of
docs/energy.md ("Rechenbeispiel VDI 2067-1") and a second example with a replacement inside the
observation period. Every expected value below was computed by hand (calculator), the arithmetic is
written next to it; none is produced by the code under test."""

import math

import pytest

from ikonnekt.energy.domain import quarter_calc as qc

# Hand-computed factors, i = 3 %, T = 20 a, q = 1.03
#   q^20 = 1.806111235
#   a    = q^T (q − 1) / (q^T − 1) = 1.806111235 · 0.03 / 0.806111235 = 0.067215708
#   b_V  (energy, r = 1.02): (1 − (1.02/1.03)^20) / (1.03 − 1.02) = (1 − 0.822733045) / 0.01 = 17.72669549
#   a·b_V = 0.067215708 · 17.72669549 = 1.191512380
#   b_B  (operation, r = 1.03 = q): T / q = 20 / 1.03 = 19.41747573
#   a·b_B = 0.067215708 · 19.41747573 = 1.305159371
A = 0.067215708
AB_V = 1.191512380
AB_B = 1.305159371


def _demand():
    # heat demand 10 buildings × 150 m² × (100 + 12) kWh/m²a = 168,000 kWh/a; household 10 × 3,000 kWh/a
    temps = [10 - 8 * math.cos(2 * math.pi * (d - 15) / 365) for d in range(365)]
    return qc.build_demand([(10, 150, 100, 12, 3000)], temps)


def _assumptions():
    return qc.Assumptions(
        interest=0.03,
        years=20,
        price_increase=0.02,
        investment_price_increase=0.02,
        operation_price_increase=0.03,
        start_year=2026,
        prices={"electricity": 30, "heat_pump": 25, "gas": 10, "wood": 5, "district_heat": 12, "feed_in": 8},
        factors={"natural_gas": 247, "electricity": 420},
        factor_set_label="Rechenbeispiel",
        co2_path={2026: 55},
    )


def _lines(result):
    return {line["key"]: line for line in result["lines"]}


def test_factors_of_the_hand_worked_example():
    assert qc.annuity_factor(0.03, 20) == pytest.approx(A, abs=1e-9)
    assert A * qc.price_change_factor(0.03, 0.02, 20) == pytest.approx(AB_V, abs=1e-8)
    assert A * qc.price_change_factor(0.03, 0.03, 20) == pytest.approx(AB_B, abs=1e-8)


def test_gas_boiler_every_cost_line_hand_computed():
    """GIVEN the gas-boiler example of docs/energy.md (A_0 = 100,000 €, T_N = 20 a, maintenance 2 %,
    operation 500 €/a, other costs 300 €/a, gas 10 ct/kWh, electricity 30 ct/kWh, CO2 55 €/t)
    THEN every annuity line matches the hand computation, maintenance included (A_IN · a · b_B)."""
    v = {
        "heat_source": "gas_boiler",
        "efficiency": 0.9,
        "capex": 100_000,
        "lifetime": 20,
        "maintenance_pct": 2,
        "operation_cost": 500,
        "other_cost": 300,
    }
    r = qc.calculate_variant(v, _demand(), _assumptions())
    lines = _lines(r)
    # capital: T_N = T, no replacement, no residual value: 100,000 · 0.067215708 = 6,721.57
    assert lines["capital_heat"]["replacements"] == []
    assert lines["capital_heat"]["residual_value"] == pytest.approx(0)
    assert lines["capital_heat"]["annuity"] == pytest.approx(6721.57, abs=0.01)
    # demand: fuel 168,000 / 0.9 = 186,666.67 kWh · 0.10 €/kWh = 18,666.67 € · 1.191512380 = 22,241.56
    assert r["fuel_kwh"] == pytest.approx(186_666.67, abs=0.01)
    assert lines["fuel_cost"]["first_year"] == pytest.approx(18_666.67, abs=0.01)
    assert lines["fuel_cost"]["annuity"] == pytest.approx(22_241.56, abs=0.01)
    # household electricity 30,000 kWh · 0.30 € = 9,000 € · 1.191512380 = 10,723.61
    assert lines["household_electricity_cost"]["annuity"] == pytest.approx(10_723.61, abs=0.01)
    # CO2: 186,666.67 kWh · 247 g/kWh = 46.1067 t · 55 €/t (constant path) = 2,535.87
    assert lines["co2_cost"]["annuity"] == pytest.approx(2535.87, abs=0.01)
    # operation-related, annuitised: 2 % · 100,000 = 2,000 € · 1.305159371 = 2,610.32
    assert lines["maintenance"]["annuity"] == pytest.approx(2610.32, abs=0.01)
    # operation 500 · 1.305159371 = 652.58; other costs 300 · 1.305159371 = 391.55
    assert lines["operation_cost"]["annuity"] == pytest.approx(652.58, abs=0.01)
    assert lines["other_cost"]["annuity"] == pytest.approx(391.55, abs=0.01)
    # total: 6,721.57 + 22,241.56 + 10,723.61 + 2,535.87 + 2,610.32 + 652.58 + 391.55 = 45,877.06
    assert r["total_annual_cost"] == pytest.approx(45_877.06, abs=0.02)
    # heat price: (45,877.06 − 10,723.61 household) = 35,153.45 € / 168 MWh = 209.25 €/MWh
    assert r["heat_price_eur_mwh"] == pytest.approx(209.25, abs=0.01)
    assert r["group_sums"]["operation"] == pytest.approx(2610.32 + 652.58, abs=0.02)
    assert r["group_sums"]["other"] == pytest.approx(391.55, abs=0.01)


def test_maintenance_is_annuitised_not_the_cash_value():
    """The old error: A_IN · b (≈ 19.4 × A_IN) instead of A_IN · a · b (≈ 1.3 × A_IN)."""
    v = {
        "heat_source": "gas_boiler",
        "efficiency": 0.9,
        "capex": 100_000,
        "lifetime": 20,
        "maintenance_pct": 2,
    }
    r = qc.calculate_variant(v, _demand(), _assumptions())
    assert r["maintenance"] == pytest.approx(2610.32, abs=0.01)
    assert r["maintenance"] < 2000 * 2


def test_replacement_inside_the_period_and_residual_value_hand_computed():
    """GIVEN a ground-source heat pump (constant COP 4) with A_0 = 100,000 € and T_N = 15 a in T = 20 a
    WHEN the investment price rises by 2 %/a
    THEN one replacement in year 15 and a residual value after VDI 2067-1 enter the capital costs."""
    v = {
        "heat_source": "ground_heat_pump",
        "efficiency": 4,
        "capex": 100_000,
        "lifetime": 15,
        "maintenance_pct": 0,
    }
    r = qc.calculate_variant(v, _demand(), _assumptions())
    cap = _lines(r)["capital_heat"]
    # replacement: A_1 = 100,000 · 1.02^15 / 1.03^15 = 100,000 · 1.345868338 / 1.557967417 = 86,386.17
    assert len(cap["replacements"]) == 1
    assert cap["replacements"][0][0] == 15
    assert cap["replacements"][0][1] == pytest.approx(86_386.17, abs=0.01)
    # residual: 100,000 · 1.02^15 · (2·15 − 20)/15 / 1.03^20 = 134,586.83 · 0.666667 / 1.806111 = 49,678.31
    assert cap["residual_value"] == pytest.approx(49_678.31, abs=0.01)
    # capital annuity: (100,000 + 86,386.17 − 49,678.31) · 0.067215708 = 136,707.86 · 0.067215708 = 9,188.92
    assert cap["annuity"] == pytest.approx(9188.92, abs=0.01)
    # heat-pump electricity 168,000 / 4 = 42,000 kWh · 0.25 € = 10,500 € · 1.191512380 = 12,510.88
    assert r["heat_pump_electricity_kwh"] == pytest.approx(42_000)
    assert r["heat_pump_cost"] == pytest.approx(12_510.88, abs=0.01)
    # heat price: (9,188.92 + 12,510.88) / 168 MWh = 129.17 €/MWh (no CO2 price on electricity)
    assert r["heat_price_eur_mwh"] == pytest.approx(129.17, abs=0.01)


def test_without_price_change_residual_value_is_linear():
    # T_N = 30 > T = 20, i = 0: residual = 100,000 · 10/30 = 33,333.33; annuity = 66,666.67 / 20 = 3,333.33
    c = qc.capital_costs(100_000, 30, 0.0, 20)
    assert c["residual_value"] == pytest.approx(33_333.33, abs=0.01)
    assert c["annuity"] == pytest.approx(3333.33, abs=0.01)
