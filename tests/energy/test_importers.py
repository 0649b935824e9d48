import datetime as dt

import pytest

from ikonnekt.energy.domain import importers

UTC = dt.UTC


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("1.234.567", 1234567),
        ("-3", -3),
    ],
)
def test_numbers_with_decimal_comma_or_point(text, value):
    assert importers.parse_number(text) == value


def test_bad_numbers():
    for text in ("abc", "1,2,3", ""):
        with pytest.raises(ValueError):
            importers.parse_number(text)


def test_interval_file_over_the_autumn_dst_change_is_stored_in_utc():
    rows = ["Zeit;kWh"]
    # 27 Oct 2024: 02:00–02:45 local occurs twice
    for h, m in [
        (1, 30),
        (1, 45),
        (2, 0),
        (2, 15),
        (2, 30),
        (2, 45),
        (2, 0),
        (2, 15),
        (2, 30),
        (2, 45),
        (3, 0),
    ]:
        rows.append(f"27.10.2024 {h:02d}:{m:02d};1,5")
    parsed = importers.parse("x.csv", "\n".join(rows).encode(), interval=True, meter_unit="kWh")
    assert parsed.errors == []
    times = [r[1] for r in parsed.rows]
    assert times[0] == dt.datetime(2024, 10, 26, 23, 30, tzinfo=UTC)  # 01:30 CEST
    assert times[2] == dt.datetime(2024, 10, 27, 0, 0, tzinfo=UTC)  # first 02:00 (CEST)
    assert times[6] == dt.datetime(2024, 10, 27, 1, 0, tzinfo=UTC)  # second 02:00 (CET)
    assert len(set(times)) == len(times)
    assert all(b - a == dt.timedelta(minutes=15) for a, b in zip(times, times[1:], strict=False))
    assert parsed.rows[0][2] == 1.5


def test_spring_gap_and_duplicates_are_row_errors():
    text = "31.03.2024 01:45;1\n31.03.2024 02:15;1\n31.03.2024 03:00;1\n31.03.2024 03:00;2\n"
    parsed = importers.parse("x.csv", text.encode(), interval=True, meter_unit="kWh")
    errors = {(e.row, e.column): e.message for e in parsed.errors}
    assert "does not exist" in errors[(2, "A")]
    assert "duplicate" in errors[(4, "A")]


def test_ambiguous_single_reading_needs_an_offset():
    parsed = importers.parse("x.csv", b"27.10.2024 02:30;100\n", interval=False, meter_unit="kWh")
    assert parsed.errors and parsed.errors[0].row == 1
    ok = importers.parse("x.csv", b"2024-10-27T02:30+01:00;100\n", interval=False, meter_unit="kWh")
    assert ok.errors == [] and ok.rows[0][1] == dt.datetime(2024, 10, 27, 1, 30, tzinfo=UTC)


def test_mixed_and_wrong_units_are_named():
    text = "01.01.2025;100;kWh\n01.02.2025;200;m³\n"
    parsed = importers.parse("x.csv", text.encode(), interval=False, meter_unit="kWh")
    assert [(e.row, e.column) for e in parsed.errors] == [(2, "C")]


def test_rejects_files_by_name_and_content():
    with pytest.raises(importers.FileRejected):
        list(importers.read_table("x.exe", b"a;b"))
    with pytest.raises(importers.FileRejected):
        list(importers.read_table("x.xlsx", b"not a zip"))
    with pytest.raises(importers.FileRejected):
        list(importers.read_table("x.csv", b"\x00\x01binary"))


def test_xlsx_with_datetime_cells():
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Zeitpunkt", "Zählerstand"])
    ws.append([dt.datetime(2025, 1, 1, 8, 0), 1000.5])
    ws.append([dt.datetime(2025, 2, 1, 8, 0), "1.100,5"])
    buf = io.BytesIO()
    wb.save(buf)
    parsed = importers.parse("x.xlsx", buf.getvalue(), interval=False, meter_unit="kWh")
    assert parsed.errors == []
    assert [r[2] for r in parsed.rows] == [1000.5, 1100.5]
    assert parsed.rows[0][1] == dt.datetime(2025, 1, 1, 7, 0, tzinfo=UTC)
