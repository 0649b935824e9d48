"""Hand-computed cases and properties of the energy calculations (no database)."""

import datetime as dt
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikonnekt.energy.domain import analysis, conversion, degree_days, keyfigures
from ikonnekt.energy.domain import quarter_calc as qc
from ikonnekt.energy.domain.consumption import Exchange, check_reading, effective_series

UTC = dt.UTC


def t(day, month=1, year=2025):
    return dt.datetime(year, month, day, tzinfo=UTC)


# --- consumption across a meter exchange ---------------------------------------------------


def test_consumption_across_meter_exchange():
    # old meter: 1000 on 1 Jan, 1300 at the exchange on 11 Jan (final), new meter starts at 5,
    # 1 Feb: 215 → consumption Jan 1 → Feb 1 = 300 + 210 = 510
    series = effective_series(
        [(t(1), 1000), (t(1, 2), 215)], [Exchange(t(11), old_final=1300, new_initial=5)]
    )
    assert series.problems == []
    assert series.consumption(t(1), t(1, 2)) == pytest.approx(510)
    # before the exchange: 300 in 10 days → 150 in the first 5 days
    assert series.consumption(t(1), t(6)) == pytest.approx(150)
    # after: 210 in 21 days → 10 per day
    assert series.consumption(t(11), t(21)) == pytest.approx(100)


def test_reading_backwards_without_exchange_is_a_problem_and_rollover_is_not():
    series = effective_series([(t(1), 1000), (t(2), 900), (t(3), 1100)])
    assert len(series.problems) == 1
    assert series.consumption(t(1), t(3)) == pytest.approx(100)
    rolled = effective_series([(t(1), 99_950), (t(2), 30)], digits=5)
    assert rolled.problems == []
    assert rolled.consumption(t(1), t(2)) == pytest.approx(80)


def test_plausibility_warnings():
    prev = (t(1), 1000)
    assert [w.code for w in check_reading(prev, t(1, 2), 900)] == ["negative"]
    assert [w.code for w in check_reading(prev, t(1, 2), 1000 + 31 * 40, typical_daily=10)] == ["high"]
    assert check_reading(prev, t(1, 2), 1000 + 31 * 10, typical_daily=10) == []
    assert [w.code for w in check_reading(prev, t(1, 4), 1100, typical_daily=1)] == ["gap"]
    assert [w.code for w in check_reading((t(1), 99_990), t(2), 5, digits=5)] == ["rollover"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=500), min_size=2, max_size=20), st.integers(1, 18))
def test_consumption_is_additive_and_exchange_invariant(deltas, exchange_at):
    """Splitting a period never changes the total, and an exchange never changes consumption."""
    times = [t(1) + dt.timedelta(days=i) for i in range(len(deltas) + 1)]
    values = np.concatenate([[100.0], 100.0 + np.cumsum(deltas)])
    plain = effective_series(list(zip(times, values, strict=True)))
    k = min(exchange_at, len(deltas) - 1)
    ex_time = times[k] + dt.timedelta(hours=12)
    old_final = values[k] + (values[k + 1] - values[k]) / 2
    shifted = [
        (tm, v) if tm < ex_time else (tm, v - old_final + 7) for tm, v in zip(times, values, strict=True)
    ]
    exchanged = effective_series(shifted, [Exchange(ex_time, old_final, 7)])
    total = plain.consumption(times[0], times[-1])
    assert total == pytest.approx(sum(deltas), abs=1e-6)
    assert exchanged.consumption(times[0], times[-1]) == pytest.approx(total, abs=1e-6)
    mid = times[len(times) // 2]
    assert plain.consumption(times[0], mid) + plain.consumption(mid, times[-1]) == pytest.approx(
        total, abs=1e-6
    )


# --- degree days and normalisation ---------------------------------------------------------


def test_degree_days_g20_15():
    # 20-(-5)=25, 20-10=10, 14.9 → 5.1, 15 and 18 are above the heating limit → 0
    assert degree_days.degree_days([-5, 10, 14.9, 15, 18]) == pytest.approx(40.1)


def test_normalisation_only_scales_the_heating_share():
    # 100 000 kWh, 80 % space heating, warm year 3000 K·d vs long-term 3300:
    # 20 000 + 80 000 × 3300/3000 = 108 000
    assert degree_days.normalise(100_000, 0.8, 3300, 3000) == pytest.approx(108_000)
    assert degree_days.normalise(100_000, 0.0, 3300, 3000) == pytest.approx(100_000)
    with pytest.raises(ValueError):
        degree_days.normalise(1, 1.2, 3300, 3000)


# --- conversion ------------------------------------------------------------------------------


def test_gas_volume_and_hs_to_hi():
    # 1000 m³ × Z 0.9626 × Hs 11.2 kWh/m³ = 10 781.12 kWh (Hs) → / 1.11 = 9 712.72 kWh (Hi)
    kwh_hs = conversion.gas_volume_to_kwh(1000, 0.9626, 11.2)
    assert kwh_hs == pytest.approx(10_781.12)
    assert conversion.to_hi(kwh_hs, "natural_gas", "hs") == pytest.approx(9712.72, abs=0.01)
    assert conversion.to_hi(500, "natural_gas", "hi") == 500
    assert conversion.to_hi(500, "electricity", "hs") == 500
    assert conversion.to_hs(
        conversion.to_hi(1234, "heating_oil", "hs"), "heating_oil", "hi"
    ) == pytest.approx(1234)


# --- key figures -----------------------------------------------------------------------------


def test_benchmark_and_savings():
    b = keyfigures.benchmark(120_000, 1000, guide=70, limit=110, price_eur_per_kwh=0.1, factor_g_per_kwh=250)
    assert b.specific == 120 and b.klass == "high"
    assert b.savings_kwh == pytest.approx(50_000)
    assert b.savings_eur == pytest.approx(5000)
    assert b.savings_t_co2 == pytest.approx(12.5)
    assert keyfigures.classify(70, 70, 110) == "good"
    assert keyfigures.benchmark(1, None, 1, 2) is None


# --- annuity (VDI 2067) ----------------------------------------------------------------------


def test_annuity_factor_hand_computed():
    # i = 3 %, T = 20: 1.03^20 × 0.03 / (1.03^20 − 1) = 0.0672157
    assert qc.annuity_factor(0.03, 20) == pytest.approx(0.0672157, abs=1e-6)
    assert qc.annuity_factor(0, 10) == pytest.approx(0.1)


def test_capital_annuity_with_replacement_and_residual_value():
    # 10 000 €, life 15 a, period 20 a, i = 0: replacement in year 15 (+10 000), residual value
    # 10 000 × 10/15 at year 20 → (20 000 − 6 666.67) / 20 = 666.67 €/a
    assert qc.capital_annuity(10_000, 15, 0.0, 20) == pytest.approx(666.667, abs=0.01)
    # life = period → plain annuity
    assert qc.capital_annuity(10_000, 20, 0.03, 20) == pytest.approx(10_000 * qc.annuity_factor(0.03, 20))


def test_price_change_factor():
    # r = q → T/q
    assert qc.price_change_factor(0.03, 0.03, 20) == pytest.approx(20 / 1.03)
    # no change: b·a = 1 (constant prices keep their value)
    assert qc.price_change_factor(0.03, 0.0, 20) * qc.annuity_factor(0.03, 20) == pytest.approx(1.0)


def test_path_interpolation():
    path = qc.parse_path("2026:55, 2030:95")
    assert qc.path_value(path, 2028) == pytest.approx(75)
    assert qc.path_value(path, 2040) == 95
    with pytest.raises(qc.InputError):
        qc.parse_path("2026-55")


# --- PV self-consumption / autarky on a tiny hourly series ------------------------------------


def test_self_consumption_and_autarky_hand_computed():
    gen = [0, 2, 4, 0]
    load = [1, 1, 1, 1]
    # direct use: 0 + 1 + 1 + 0 = 2 of 6 generated → 1/3; autarky 2/4 = 0.5; feed-in 4, grid 2
    r = qc.self_consumption_and_autarky(gen, load)
    assert r["self_consumption"] == pytest.approx(1 / 3)
    assert r["autarky"] == pytest.approx(0.5)
    assert r["feed_in"] == pytest.approx(4) and r["grid"] == pytest.approx(2)


def test_battery_raises_self_consumption():
    gen = [0, 4, 0, 0]
    load = [1, 1, 1, 1]
    # battery 4 kWh, 2 kW limit: charges 2 kWh × √0.9 stored; discharges up to 1 kWh per hour
    r = qc.self_consumption_and_autarky(gen, load, battery_kwh=4)
    stored = 2 * math.sqrt(0.9)
    delivered = stored * math.sqrt(0.9)  # 1.8 kWh back out, over two hours
    assert r["self_used"] == pytest.approx(1 + delivered)
    assert r["feed_in"] == pytest.approx(1)  # 3 surplus − 2 charged


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(min_value=0, max_value=10), min_size=4, max_size=48),
    st.floats(min_value=0, max_value=20),
)
def test_pv_balance_properties(gen, battery):
    load = [1.5] * len(gen)
    r = qc.self_consumption_and_autarky(gen, load, battery)
    assert 0 <= r["self_consumption"] <= 1 + 1e-9
    assert 0 <= r["autarky"] <= 1 + 1e-9
    assert r["self_used"] + r["grid"] == pytest.approx(sum(load))
    assert r["self_used"] <= sum(gen) + 1e-9


# --- energy signature ------------------------------------------------------------------------


def test_signature_fit_recovers_parameters():
    temps = np.array([-5, -2, 0, 3, 5, 8, 10, 13, 16, 18, 20, 22], dtype=float)
    # base 100 kWh/d, slope 20 kWh/(K·d), change point 15 °C
    y = 100 + 20 * np.maximum(0, 15 - temps)
    y_out = y.copy()
    y_out[3] += 120  # one outlier
    sig = analysis.fit_signature(temps, y)
    assert sig.change_point == pytest.approx(15)
    assert sig.base == pytest.approx(100)
    assert sig.slope == pytest.approx(20)
    assert sig.r2 == pytest.approx(1)
    noisy = analysis.fit_signature(temps, y_out)
    assert 3 in noisy.outliers


def test_base_load_ratio():
    monday = dt.datetime(2025, 3, 3)
    samples = [(monday.replace(hour=h), 10.0 if 8 <= h < 16 else 5.0) for h in range(24)]
    samples += [(monday.replace(day=8, hour=h), 5.0) for h in range(24)]  # Saturday
    r = analysis.base_load_ratio(samples)
    assert r["night"] == pytest.approx(0.5)
    assert r["weekend"] == pytest.approx(0.5)


# --- a whole variant: same demand, costs add up ---------------------------------------------


def _demand():
    temps = [10 - 8 * math.cos(2 * math.pi * (d - 15) / 365) for d in range(365)]
    return qc.build_demand([(10, 150, 100, 12, 3000)], temps)


def _assumptions(**prices):
    base = {"electricity": 30, "heat_pump": 25, "gas": 10, "wood": 5, "district_heat": 12, "feed_in": 8}
    base.update(prices)
    return qc.Assumptions(
        interest=0.03,
        years=20,
        price_increase=0.0,
        start_year=2026,
        prices=base,
        factors={"natural_gas": 247, "electricity": 420, "wood_chips": 22, "district_heat": 260},
        factor_set_label="test",
        co2_path={2026: 55},
    )


def test_gas_variant_costs_hand_checked():
    demand = _demand()
    assert float(demand.heat.sum()) == pytest.approx(10 * 150 * 112)
    v = {
        "heat_source": "gas_boiler",
        "efficiency": 0.9,
        "capex": 100_000,
        "lifetime": 20,
        "maintenance_pct": 2,
    }
    r = qc.calculate_variant(v, demand, _assumptions())
    fuel = 168_000 / 0.9
    assert r["fuel_kwh"] == pytest.approx(fuel)
    assert r["fuel_cost"] == pytest.approx(fuel * 0.10)  # constant prices: annuity of a constant is itself
    assert r["capital_heat"] == pytest.approx(100_000 * qc.annuity_factor(0.03, 20))
    assert r["co2_t"] == pytest.approx(fuel * 247 / 1e6 + 30_000 * 420 / 1e6)
    assert r["co2_cost"] == pytest.approx(fuel * 247 / 1e6 * 55)


def test_missing_price_names_the_field():
    demand = _demand()
    v = {"heat_source": "air_heat_pump", "efficiency": 3.5, "capex": 1, "lifetime": 20, "maintenance_pct": 1}
    with pytest.raises(qc.InputError) as exc:
        qc.calculate_variant(v, demand, _assumptions(heat_pump=None))
    assert exc.value.field == "price_heat_pump"


def test_sensitivity_brackets_the_base_value():
    demand = _demand()
    v = {
        "heat_source": "gas_boiler",
        "efficiency": 0.9,
        "capex": 100_000,
        "lifetime": 20,
        "maintenance_pct": 2,
    }
    a = _assumptions()
    base = qc.calculate_variant(v, demand, a)["heat_price_eur_mwh"]
    rows = qc.sensitivity(v, demand, a)
    prices = next(r for r in rows if r[0].startswith("energy prices"))
    assert prices[1] < base < prices[2]
