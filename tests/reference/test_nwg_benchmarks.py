"""Comparison values for non-residential buildings (Bekanntmachung 15.04.2021): table, size factor,
BGF → NGF conversion and the refusal of an unknown area basis. Expected values are worked by hand."""

import pytest

from ikonnekt.energy.domain import keyfigures
from ikonnekt.energy.models import ReferenceValue
from ikonnekt.reference import nwg_benchmarks as nwg


def test_table_rows_as_published():
    # Anlage 1 Tabelle 1 has 52 categories; spot checks against the IWU transcription
    assert sorted(nwg.TABLE) == list(range(1, 53))
    assert nwg.TABLE[1][:3] == ("Verwaltungsgebäude (allgemein)", 48.5, 6.9)
    assert nwg.heat_parts(21) == (49.3, 22.4)  # Schulen
    assert nwg.heat_parts(30) == (68.6, 22.0)  # Sporthallen
    assert nwg.TABLE[32][7] == 30.0  # Schwimmhallen, Be-/Entfeuchtung
    # Schulen, electricity: 3.9 + 5.5 + 0.3 + 0.2 + 0.0 + 0.6 = 10.5
    assert nwg.electricity_value(21) == 10.5


def test_size_factor_of_nummer_6_3_1():
    assert nwg.size_factor(400) == 1.46
    assert nwg.size_factor(500) == 1.46
    assert nwg.size_factor(60_000) == 0.71
    # 5,000 m²: 5000^−0.215 = e^(−0.215 · 8.5172) = e^(−1.8312) = 0.16020; 4.53 · 0.16020 + 0.27 = 0.9957
    assert nwg.size_factor(5000) == pytest.approx(0.9957, abs=1e-3)
    # example of the rules (Abbildung 8): administration ≤ 500 m², 48.5 × 1.46 = 70.81
    assert nwg.heat_parts(1)[0] * nwg.size_factor(450) == pytest.approx(70.81)


def test_bgf_is_converted_with_the_factor_of_the_rules_and_an_unknown_basis_is_refused():
    assert nwg.net_area(2000, "bgf") == pytest.approx(1700)  # 0.85 × 2,000 m²
    assert nwg.net_area(2000, "ngf") == 2000
    assert nwg.net_area(2000, "") is None
    assert keyfigures.area_basis_mismatch("", "ngf") == "unknown"
    assert keyfigures.area_basis_mismatch("bgf", "ngf") is None
    assert keyfigures.area_basis_mismatch("ngf", "bgf") == "different"  # no NGF → BGF rule
    assert keyfigures.comparison_area(2000, "bgf", "ngf") == pytest.approx(1700)


def test_comparison_value_of_a_school_with_2000_m2_bgf():
    # A_NGF = 0.85 × 2,000 = 1,700 m²; f = 4.53 × 1700^−0.215 + 0.27:
    # ln 1700 = 7.4384, × 0.215 = 1.5993, e^−1.5993 = 0.20203, × 4.53 = 0.91521, + 0.27 = 1.1852
    # heat: 49.3 × 1.1852 + 22.4 = 58.43 + 22.4 = 80.83 kWh/(m²·a) NGF
    value = keyfigures.comparison_value(49.3 + 22.4, 49.3, 1700)
    assert value == pytest.approx(80.83, abs=0.01)
    # one comparison value, no limit: 81 kWh/(m²·a) is above it, 80 below
    assert keyfigures.classify(81, value, None) == "high"
    assert keyfigures.classify(80, value, None) == "good"
    # savings: (100 − 80.83) × 1,700 m² = 32,589 kWh/a
    bench = keyfigures.benchmark(170_000, 1700, value, None)
    assert bench.savings_kwh == pytest.approx(32_589, abs=20)


@pytest.mark.django_db
def test_shipped_reference_rows_carry_table_basis_and_year():
    school = ReferenceValue.objects.get(use_type="school", kind="heat")
    assert school.guide_value == pytest.approx(71.7)  # 49.3 + 22.4
    assert school.size_scaled_part == pytest.approx(49.3)
    assert school.area_kind == "ngf" and school.source_year == 2021 and school.limit_value is None
    assert "Lfd.-Nr. 21: Schulen" in school.table and "15.04.2021" in school.source
    assert not school.approximate
    power = ReferenceValue.objects.get(use_type="school", kind="electricity")
    assert power.guide_value == pytest.approx(10.5) and power.approximate
    assert not ReferenceValue.objects.filter(source__startswith="Annahme").exists()
    assert not ReferenceValue.objects.filter(use_type="other").exists()
