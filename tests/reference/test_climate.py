"""DWD climate factors: import (all or nothing, German messages with row and column) and their use
in the weather adjustment of a building."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import translation

from ikonnekt.energy import services
from ikonnekt.energy.domain import degree_days
from ikonnekt.energy.models import Building, EmissionFactorSet, Meter, Reading
from ikonnekt.reference.climate import ClimateFileError, factor_for_year, import_file, parse
from ikonnekt.reference.models import ClimateFactor

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")

FILE = (
    b"PLZ;Bezugsort;Datum von;Datum bis;KF\n"
    b"66740;Saarlouis;20250101;20251231;1,12\n"
    b"66740;Saarlouis;20250201;20260131;1,10\n"
    b"66809;Nalbach;20250101;20251231;1,15\n"
)


def test_import_reads_the_columns_by_name_and_replaces_rows():
    assert import_file(FILE, "KF_2025.csv") == 3
    kf = factor_for_year("66740", 2025)
    assert kf.factor == pytest.approx(1.12) and kf.reference_place == "Saarlouis"
    assert import_file(FILE.replace(b"1,12", b"1,13"), "KF_2025b.csv") == 3
    assert ClimateFactor.objects.count() == 3
    assert factor_for_year("66740", 2025).factor == pytest.approx(1.13)
    assert factor_for_year("66740", 2024) is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("PLZ;Datum von;Datum bis\n66740;20250101;20251231\n", "Spalte „KF“ fehlt"),
        ("PLZ;Datum von;Datum bis;KF\n667;20250101;20251231;1,1\n", "Zeile 2, Spalte PLZ"),
        ("PLZ;Datum von;Datum bis;KF\n66740;20250101;20251231;x\n", "Zeile 2, Spalte KF"),
        ("PLZ;Datum von;Datum bis;KF\n66740;2025-13-01;20251231;1,1\n", "Zeile 2, Spalte Datum von"),
        ("PLZ;Datum von;Datum bis;KF\n66740;20250101;20251231;9\n", "kein plausibler Klimafaktor"),
    ],
)
def test_bad_files_are_refused_with_row_and_column_and_store_nothing(content, message):
    with translation.override("de"), pytest.raises(ClimateFileError) as exc:
        import_file(content.encode())
    assert message in str(exc.value)
    assert not ClimateFactor.objects.exists()


def test_dwd_file_with_the_period_in_its_name_and_postcodes_as_numbers():
    """The DWD's files: one 12-month period per file (KF_20250101_20251231.csv), columns PLZ and KF
    with blanks around the names, postcodes written as numbers (01067 → 1067)."""
    content = b" ID ; PLZ ; KF \n1;1067;1,08\n2;66740; 1,12\n"
    assert import_file(content, "KF_20250101_20251231.csv") == 2
    assert factor_for_year("01067", 2025).factor == pytest.approx(1.08)
    assert factor_for_year("66740", 2025).factor == pytest.approx(1.12)
    row = ClimateFactor.objects.get(postcode="66740")
    assert (row.valid_from, row.valid_to) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert row.source == "KF_20250101_20251231.csv"


def test_without_date_columns_and_without_a_dwd_file_name_the_file_is_refused():
    with translation.override("de"), pytest.raises(ClimateFileError) as exc:
        import_file(b"PLZ;KF\n66740;1,12\n", "klima.csv")
    assert "Spalte „Datum von“ fehlt" in str(exc.value)
    assert not ClimateFactor.objects.exists()


def test_a_bad_row_after_good_rows_stores_nothing():
    content = "PLZ;Datum von;Datum bis;KF\n66809;20250101;20251231;1,0\n66740;20250101;20251231;abc\n"
    with pytest.raises(ClimateFileError):
        import_file(content.encode())
    assert not ClimateFactor.objects.exists()


def test_parse_accepts_iso_and_german_dates():
    rows = parse("Postleitzahl;von;bis;Klimafaktor\n66740;2025-01-01;31.12.2025;1.05\n")
    assert rows[0]["valid_from"] == dt.date(2025, 1, 1) and rows[0]["valid_to"] == dt.date(2025, 12, 31)


def test_management_command_imports_a_file(tmp_path):
    path = tmp_path / "kf.csv"
    path.write_bytes(FILE)
    call_command("import_climate_factors", str(path))
    assert ClimateFactor.objects.count() == 3


def test_normalisation_with_climate_factor_hand_computed():
    # 100,000 kWh, heating share 0.8, KF 1.12: 20,000 + 80,000 × 1.12 = 109,600 kWh
    assert degree_days.normalise_with_factor(100_000, 0.8, 1.12) == pytest.approx(109_600)


def test_building_with_climate_factor_method_says_which_factor_was_used(cast):
    import_file(FILE, "KF_2025.csv")
    b = Building.objects.create(
        name="Rathaus",
        owner=cast.org_a,
        use_type="administration",
        reference_area=1000,
        area_kind="ngf",
        address="Großer Markt 1, 66740 Saarlouis",
        weather_method="climate_factor",
        heating_share=0.8,
    )
    gas = Meter.objects.create(building=b, number="G1", name="Gas", carrier="natural_gas", unit="kWh")
    Reading.objects.create(meter=gas, timestamp=dt.datetime(2025, 1, 1, tzinfo=BERLIN), value=0)
    Reading.objects.create(meter=gas, timestamp=dt.datetime(2026, 1, 1, tzinfo=BERLIN), value=100_000)
    data = services.building_year(b, 2025, EmissionFactorSet.objects.get(method="bisko", year=2024).factors())
    assert data["weather"]["method"] == "climate_factor"
    assert data["weather"]["postcode"] == "66740"  # taken from the address
    assert data["weather"]["factor"] == pytest.approx(1.12)
    assert data["heat_normalised"] == pytest.approx(109_600)  # 20,000 + 80,000 × 1.12


def test_building_without_a_factor_for_the_year_is_not_normalised(cast):
    b = Building.objects.create(
        name="Rathaus", owner=cast.org_a, postcode="66740", weather_method="climate_factor", area_kind="ngf"
    )
    gas = Meter.objects.create(building=b, number="G1", name="Gas", carrier="natural_gas", unit="kWh")
    Reading.objects.create(meter=gas, timestamp=dt.datetime(2025, 1, 1, tzinfo=BERLIN), value=0)
    Reading.objects.create(meter=gas, timestamp=dt.datetime(2026, 1, 1, tzinfo=BERLIN), value=1000)
    with translation.override("de"):
        data = services.building_year(b, 2025, {})
    assert data["heat_normalised"] is None
    assert any("Kein DWD-Klimafaktor für PLZ 66740" in p for p in data["problems"])


def test_the_bulk_load_reads_the_climate_factors_of_all_buildings_in_one_query(cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ikonnekt.energy.loader import preload

    import_file(FILE, "KF_2025.csv")
    for n in range(3):
        b = Building.objects.create(
            name=f"Rathaus {n}",
            owner=cast.org_a,
            address="Großer Markt 1, 66740 Saarlouis",
            weather_method="climate_factor",
            heating_share=0.8,
        )
        gas = Meter.objects.create(building=b, number="G1", name="Gas", carrier="natural_gas", unit="kWh")
        Reading.objects.create(meter=gas, timestamp=dt.datetime(2025, 1, 1, tzinfo=BERLIN), value=0)
        Reading.objects.create(meter=gas, timestamp=dt.datetime(2026, 1, 1, tzinfo=BERLIN), value=100_000)
    buildings = preload(
        Building.objects.filter(name__startswith="Rathaus").prefetch_related("meters"),
        [2024, 2025],
        children=True,
    )
    with CaptureQueriesContext(connection) as queries:
        figures = [services.building_year(b, year, {}, {}) for b in buildings for year in (2024, 2025)]
    assert len(queries) == 0
    assert [f["heat_normalised"] for f in figures if f["year"] == 2025] == [pytest.approx(109_600)] * 3
    assert all(f["weather"]["climate_factor"] is None for f in figures if f["year"] == 2024)
