"""The platform-wide emission factor API (``reference.factors``) and the shipped, sourced sets."""

import pytest

from ikonnekt.reference import factor_data
from ikonnekt.reference.factors import FactorMissing, factor, factor_set, factors
from ikonnekt.reference.models import EmissionFactorSet

pytestmark = pytest.mark.django_db


def test_factor_of_a_year_uses_the_latest_set_not_after_it():
    # BISKO sets exist for 2020, 2022, 2024: a 2023 balance uses the 2022 set
    gas = factor("natural_gas", 2023, "bisko")
    assert gas.set_year == 2022
    assert gas.grams_per_kwh == 250  # GEMIS 4.95 "Erdgas-Hzg. 100 %": 0.250 kg CO2e/kWh
    assert gas.kg_per_mwh == 250
    assert "GEMIS 4.95" in gas.source and "Erdgas-Hzg. 100 %" in gas.source and gas.source_year == 2016
    # the published GEMIS value itself (KEA-BW table), used in place of the BISKO default table: not approximate
    assert not gas.approximate and "BISKO-Standardfaktors" in gas.source


def test_bisko_values_without_a_checked_source_say_so_and_are_flagged():
    # PV generation and the projected 2030–2040 electricity path: no published value found
    pv = factor("pv_generation", 2022, "bisko")
    assert pv.source.startswith("Projektannahme ohne geprüfte Quelle") and pv.approximate
    for year in (2030, 2035, 2040):
        path = factor("electricity", year, "bisko")
        assert path.source.startswith("Projektannahme ohne geprüfte Quelle") and path.approximate, year
        assert "Strompfad" in path.source and path.source_year is None


@pytest.mark.parametrize(
    "year, published",
    [
        # UBA Climate Change 16/2026, Tabelle 2 (S. 16), Spalte "THG-Emissionsfaktor mit Vorketten
        # [g CO2-Äquivalente/kWh]", typed from the report: 2020 → 435, 2022 → 503, 2024* → 414
        (2020, 435),
        (2022, 503),
        (2024, 414),
    ],
)
def test_bisko_electricity_is_the_uba_life_cycle_factor(year, published):
    power = factor("electricity", year, "bisko")
    assert power.set_year == year and power.grams_per_kwh == published
    assert power.source.startswith("UBA, Climate Change 16/2026") and power.source_year == 2026
    assert "Tabelle 2" in power.source and "THG-Emissionsfaktor mit Vorketten" in power.source
    assert f"Jahr {year}" in power.source and "CO2, CH4 und N2O inkl. Vorketten" in power.source


def test_bisko_electricity_2024_is_preliminary_in_the_source_and_flagged():
    # the report marks 2024 "*vorläufig" (2025 "** geschätzt"): flagged as Näherungswert
    assert factor("electricity", 2024, "bisko").approximate
    assert "(vorläufig)" in factor("electricity", 2024, "bisko").source
    assert not factor("electricity", 2020, "bisko").approximate
    assert not factor("electricity", 2022, "bisko").approximate
    # a 2023 balance uses the 2022 set (503), a 2025 balance the 2024 set (414)
    assert factor("electricity", 2023, "bisko").grams_per_kwh == 503
    assert factor("electricity", 2025, "bisko").grams_per_kwh == 414


def test_bisko_district_heat_is_the_bafa_default():
    # BAFA Informationsblatt CO2-Faktoren, Zeile "Nah-/Fernwärme": 0,280 kg CO2/kWh
    heat = factor("district_heat", 2022, "bisko")
    assert heat.grams_per_kwh == 280 and not heat.approximate and heat.source_year == 2020
    assert heat.source.startswith("BAFA, Informationsblatt CO2-Faktoren") and "Nah-/Fernwärme" in heat.source
    assert "örtlichen Wärmenetzes" in heat.source  # BISKO's local factor replaces it when known


def test_direct_electricity_is_the_published_uba_value():
    power = factor("electricity", 2021, "direct")
    assert power.grams_per_kwh == 410  # UBA Climate Change 20/2023: 410 g CO2/kWh in 2021
    assert not power.approximate and power.source_year == 2023
    assert factor("natural_gas", 2022, "direct").grams_per_kwh == 201  # UBA 15.04.2020


def test_before_the_first_set_the_first_set_applies():
    assert factor_set(1990, "bisko").year == 2020


def test_missing_carrier_or_method_says_so():
    with pytest.raises(FactorMissing):
        factor("hydrogen", 2022, "bisko")
    with pytest.raises(FactorMissing):
        factors(2022, "gemis")


def test_one_set_per_method_and_year_and_every_value_has_a_source():
    seen = set()
    for fs in EmissionFactorSet.objects.prefetch_related("entries"):
        assert (fs.method, fs.year) not in seen
        seen.add((fs.method, fs.year))
        for e in fs.entries.all():
            assert e.source, f"{fs} {e.carrier} has no source"
            if e.source.startswith(factor_data.ASSUMPTION):
                assert e.approximate, f"{fs} {e.carrier}: assumption not flagged"
    assert ("bisko", 2022) in seen and ("direct", 2022) in seen


def test_label_names_set_source_and_approximation():
    label = factor("natural_gas", 2022, "bisko").label
    assert label.startswith("BISKO 2022: 250 g/kWh (IINAS GEMIS 4.95")


def test_api_lists_each_factor_with_its_source(cast, client_for):
    from django.urls import reverse

    data = client_for(cast.a_viewer).get(reverse("api:energy-factorset-list")).json()
    sets = data["results"] if isinstance(data, dict) else data
    bisko = next(s for s in sets if s["method"] == "bisko" and s["year"] == 2022)
    assert bisko["factors"]["natural_gas"] == 250
    assert bisko["sources"]["natural_gas"]["approximate"] is False
    assert bisko["sources"]["natural_gas"]["source_year"] == 2016


def test_green_waste_energy_and_quarters_read_the_same_bisko_gas_factor():
    from ikonnekt.materials.factors import replaced_heat_emission_factor

    ef = replaced_heat_emission_factor(2023)
    assert ef["kg_per_mwh"] == factor("natural_gas", 2023, "bisko").kg_per_mwh == 250
    assert "BISKO" in ef["source"] and "GEMIS 4.95" in ef["source"]

    # hand-worked: a 550 kW boiler, 2,000 h/a, fed 3,000 t (1 MWh/t) is credited 1,100 MWh of heat;
    # with the platform default (BISKO natural gas) it replaces 1,100 MWh × 250 kg/MWh = 275,000 kg CO2e
    import numpy as np

    from ikonnekt.materials.allocation import Options, Plant, Point, optimise
    from ikonnekt.materials.factors import default_heat_ef

    boiler = Plant(
        "b", "Heizwerk", 5000, process_kg_per_t=0, energy_mwh_per_t=2.0, woody_share=0.5,
        heat_ef_kg_per_mwh=default_heat_ef(), thermal_kw=550, full_load_hours=2000,
    )  # fmt: skip
    result = optimise([Point("a", "A", "M", 3000)], [boiler], Options(), km=np.zeros((1, 1)))
    assert result["co2e_avoided_kg"] == pytest.approx(275_000)


def test_geg_set_rows_of_anlage_9():
    # GEG Anlage 9 Nr. 3: Zeile 2 Erdgas 240, Zeile 11 Holz 20, Zeile 12 Strom netzbezogen 560
    gas = factor("natural_gas", 2026, "geg")
    assert (
        gas.kg_per_mwh == 240 and "Anlage 9" in gas.source and "Zeile 2" in gas.source and not gas.approximate
    )
    assert (
        factor("wood_chips", 2026, "geg").grams_per_kwh == 20
        and not factor("wood_chips", 2026, "geg").approximate
    )
    assert factor("electricity", 2026, "geg").grams_per_kwh == 560  # Nr. 12, grid electricity
