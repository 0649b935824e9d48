"""The pure yearly balance (energy.domain.balance) on a hand-worked example: no database."""

import datetime as dt

import pytest

from ikonnekt.energy.domain import balance

YEAR = 2025
GAS_TARIFF = balance.Tariff(dt.date(2025, 1, 1), None, energy_price=10.0, base_price=120.0)  # 10 ct, 120 €/a
POWER_TARIFF = balance.Tariff(dt.date(2024, 1, 1), None, energy_price=30.0, base_price=60.0)  # 30 ct, 60 €/a


def _meters(gas_tariffs=(GAS_TARIFF,)):
    return [
        # gas billed on Hs: 1110 kWh in January, 2220 kWh in February, nothing read later
        balance.MeterYear("G1", "natural_gas", "hs", [1110.0, 2220.0] + [None] * 10, list(gas_tariffs)),
        balance.MeterYear("E1", "electricity", "hi", [500.0] * 12, [POWER_TARIFF]),
        # water is no energy carrier: left out of the balance
        balance.MeterYear("W1", "water", "hi", [10.0] * 12, []),
    ]


def test_meter_totals_by_hand():
    totals = balance.meter_totals(_meters(), YEAR)
    # gas Hs → Hi with Hs/Hi = 1.11 (DIN V 18599-1): 1110 / 1.11 = 1000, 2220 / 1.11 = 2000, year 3000
    assert totals["carriers"] == {"natural_gas": pytest.approx(3000.0), "electricity": 6000.0}
    assert totals["heat"] == pytest.approx(3000.0)
    assert totals["months_heat"] == pytest.approx([1000.0, 2000.0] + [0.0] * 10)
    # electricity: 12 × 500 = 6000 kWh
    assert totals["electricity"] == 6000.0
    assert totals["months_electricity"] == [500.0] * 12
    assert totals["coverage"] == {"G1": 2, "E1": 12}
    # costs: gas 1110 × 0.10 + 120/12 + 2220 × 0.10 + 120/12 = 111 + 10 + 222 + 10 = 353 €
    #        electricity 12 × (500 × 0.30 + 60/12) = 12 × 155 = 1860 €; total 2213 €
    assert totals["costs"] == pytest.approx(2213.0)
    # working prices per kWh Hi: gas (111 + 222) / 3000 = 0.111 €, electricity 1800 / 6000 = 0.30 €
    assert totals["price_heat"] == pytest.approx(0.111)
    assert totals["price_electricity"] == pytest.approx(0.30)
    assert totals["carrier_prices"] == {
        "natural_gas": pytest.approx(0.111),
        "electricity": pytest.approx(0.30),
    }


def test_a_month_without_tariff_leaves_the_costs_open():
    january_only = balance.Tariff(dt.date(2025, 1, 1), dt.date(2025, 1, 31), 10.0, 120.0)
    totals = balance.meter_totals(_meters(gas_tariffs=[january_only]), YEAR)
    # February (15 Feb) has gas consumption and no gas tariff: no total costs, no heat price
    assert totals["costs"] is None
    assert totals["price_heat"] is None
    assert totals["carrier_prices"]["natural_gas"] is None
    assert totals["price_electricity"] == pytest.approx(0.30)  # the other group is still priced
    # tariff_cost alone: January 1110 × 0.10 + 10 = 121 €, then February has none → None
    assert balance.tariff_cost([january_only], [1110.0] + [None] * 11, YEAR) == pytest.approx(121.0)
    assert balance.tariff_cost([january_only], [1110.0, 1.0] + [None] * 10, YEAR) is None
    assert balance.tariff_cost([], [1.0] * 12, YEAR) is None


def test_emissions_by_hand():
    figures = balance.emissions(
        {"natural_gas": 3000.0, "electricity": 6000.0, "wood_pellets": 100.0},
        {"natural_gas": 200.0, "electricity": 400.0},
    )
    # 3000 × 200 g + 6000 × 400 g = 0.6 t + 2.4 t = 3.0 t; pellets without factor count 0
    assert figures["co2_t"] == pytest.approx(3.0)
    # mean heat factor: (200 × 3000 + 0 × 100) / 3100 = 193.548… g/kWh
    assert figures["heat_factor"] == pytest.approx(600000 / 3100)
    assert figures["missing_factors"] == ["wood_pellets"]
    assert balance.emissions({"electricity": 10.0}, {"electricity": 400.0})["heat_factor"] is None


def test_comparison_with_reference_values_by_hand():
    totals = balance.meter_totals(_meters(), YEAR)
    heat_ref = balance.Reference(guide_value=50.0, limit_value=100.0, size_scaled_part=None, area_kind="ngf")
    power_ref = balance.Reference(guide_value=40.0, limit_value=80.0, size_scaled_part=None, area_kind="ngf")
    result = balance.comparison(totals, 3300.0, 100, "ngf", heat_ref, power_ref, 200.0, 400.0)
    # heat: 3300 kWh normalised / 100 m² = 33 kWh/m²a ≤ 50 → good, nothing to save
    assert result["specific_heat"] == pytest.approx(33.0)
    assert result["bench_heat"].klass == "good"
    assert result["bench_heat"].savings_kwh == 0.0
    # electricity: 6000 / 100 = 60 kWh/m²a, between 40 and 80 → medium;
    # savings (60 − 40) × 100 = 2000 kWh, × 0.30 € = 600 €, × 400 g = 0.8 t
    bench = result["bench_electricity"]
    assert (bench.specific, bench.klass) == (pytest.approx(60.0), "medium")
    assert bench.savings_kwh == pytest.approx(2000.0)
    assert bench.savings_eur == pytest.approx(600.0)
    assert bench.savings_t_co2 == pytest.approx(0.8)
    assert (result["area_compared"], result["area_converted"], result["area_problem"]) == (100.0, False, None)


def test_comparison_converts_bgf_and_refuses_an_unknown_area_basis():
    totals = balance.meter_totals(_meters(), YEAR)
    heat_ref = balance.Reference(50.0, 100.0, None, "ngf")
    # BGF 200 m² → NGF 0.85 × 200 = 170 m² (federal rules); 3400 kWh / 170 m² = 20 kWh/m²a
    converted = balance.comparison(totals, 3400.0, 200, "bgf", heat_ref, None, 200.0, 400.0)
    assert converted["area_compared"] == pytest.approx(170.0)
    assert converted["area_converted"] is True
    assert converted["specific_heat"] == pytest.approx(20.0)
    # basis unknown: no comparison, the specific value on the recorded area 3400 / 200 = 17
    unknown = balance.comparison(totals, 3400.0, 200, "", heat_ref, None, 200.0, 400.0)
    assert unknown["area_problem"] == "unknown"
    assert unknown["bench_heat"] is None and unknown["compared_heat"] is False
    assert unknown["specific_heat"] == pytest.approx(17.0)


def test_signature_points_by_hand():
    # January: 3100 kWh in 31 days = 100 kWh/day at 0 °C; February has heat but no temperature
    points = balance.signature_points(YEAR, [3100.0, 2800.0] + [None] * 10, [0.0, None] + [10.0] * 10)
    assert points == [{"year": YEAR, "month": 1, "t": 0.0, "kwh_per_day": 100.0}]
    # December of a year: 31 days to 1 January of the next
    assert balance.signature_points(YEAR, [None] * 11 + [62.0], [None] * 11 + [2.0])[0]["kwh_per_day"] == 2.0
