"""The fast path of ``importers.parse`` (cached date/time parts and UTC offsets, plain numbers via
``float``, duplicate check by rising times) gives the same rows and errors as the parser before
it (``reference_importers``), for the common layouts and for random mixtures of odd ones."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikonnekt.energy.domain import importers

from . import reference_importers as reference

UTC = dt.UTC


def outcome(parsed):
    return (
        parsed.rows,
        [(e.row, e.column, e.message, e.params) for e in parsed.errors],
        parsed.total,
        parsed.unit,
    )


def both(text, *, interval=True, meter_unit="kWh", name="x.csv", **kwargs):
    data = text.encode() if isinstance(text, str) else text
    fast = importers.parse(name, data, interval=interval, meter_unit=meter_unit, **kwargs)
    slow = reference.parse(name, data, interval=interval, meter_unit=meter_unit, **kwargs)
    assert outcome(fast) == outcome(slow)
    return fast


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("12,3", 12.3),
        ("12.3", 12.3),
        ("-4,5", -4.5),
        ("+7", 7.0),
        ("0,000", 0.0),
        (",5", 0.5),
        ("5,", 5.0),
        ("1,234", 1.234),  # one comma is a decimal comma, as before
        ("1.234", 1.234),
        ("1.234,5", 1234.5),  # thousands separators go the full way
        ("1,234.5", 1234.5),
        ("1.234.567", 1234567.0),
        ("1 234,5", 1234.5),
        ("1'234.5", 1234.5),
        (" 12,5 ", 12.5),
    ],
)
def test_numbers_in_files(cell, value):
    parsed = both(f"01.01.2025 00:00;{cell}\n")
    assert parsed.errors == [] and parsed.rows[0][2] == value


@pytest.mark.parametrize("cell", ["1e5", "nan", "inf", "1_000", "١٢", "+-1", "1,2,3", "-", ".", "12 kWh"])
def test_texts_float_would_read_are_still_refused(cell):
    parsed = both(f"Zeit;Wert;;;\n01.01.2025 00:00;{cell}\n")
    assert [(e.row, e.column) for e in parsed.errors] == [(2, "B")]


@pytest.mark.parametrize(
    ("cell", "utc"),
    [
        ("2025-01-01T08:00+01:00", dt.datetime(2025, 1, 1, 7, 0, tzinfo=UTC)),
        ("2025-01-01 08:00:30+0100", dt.datetime(2025, 1, 1, 7, 0, 30, tzinfo=UTC)),
        ("2025-01-01T08:00Z", dt.datetime(2025, 1, 1, 8, 0, tzinfo=UTC)),
        ("2025-01-01T08:00:00.250-05:30", dt.datetime(2025, 1, 1, 13, 30, tzinfo=UTC)),
        ("2024-10-27T02:30+01:00", dt.datetime(2024, 10, 27, 1, 30, tzinfo=UTC)),
        ("2024-10-27T02:30+02:00", dt.datetime(2024, 10, 27, 0, 30, tzinfo=UTC)),
        ("2025-07-01 08:00", dt.datetime(2025, 7, 1, 6, 0, tzinfo=UTC)),  # ISO, local summer time
        ("01.07.2025 08:00:15", dt.datetime(2025, 7, 1, 6, 0, 15, tzinfo=UTC)),
        ("01.07.2025T08:00", dt.datetime(2025, 7, 1, 6, 0, tzinfo=UTC)),
        ("01.07.2025, 08:00", dt.datetime(2025, 7, 1, 6, 0, tzinfo=UTC)),
        ("1.7.2025 08:00", dt.datetime(2025, 7, 1, 6, 0, tzinfo=UTC)),  # the full way
        ("01.07.2025", dt.datetime(2025, 6, 30, 22, 0, tzinfo=UTC)),
    ],
)
def test_time_layouts(cell, utc):
    parsed = both(f"{cell};1\n", interval=False)
    assert parsed.errors == [] and parsed.rows[0][1] == utc


@pytest.mark.parametrize(
    "cell",
    [
        "31.02.2025 08:00",
        "01.13.2025 08:00",
        "01.01.2025 24:00",
        "01.01.2025 08:60",
        "01.01.2025 8",
        "2025-01-01T08:00+24:00",
    ],
)
def test_unreadable_times(cell):
    parsed = both(f"Zeit;kWh\n{cell};1\n")
    assert [(e.row, e.column) for e in parsed.errors] == [(2, "A")]
    assert "cannot read the time" in parsed.errors[0].message


def test_autumn_and_spring_rows_of_a_quarter_hour_file():
    lines = ["Zeit;kWh"]
    for day, hours in (("31.03.2024", range(0, 5)), ("27.10.2024", (0, 1, 2, 2, 3))):
        for h in hours:
            lines += [f"{day} {h:02d}:{m:02d};1,5" for m in (0, 15, 30, 45)]
    parsed = both("\n".join(lines) + "\n")
    spring = [e for e in parsed.errors if "does not exist" in e.message]
    assert [e.row for e in spring] == [10, 11, 12, 13]  # 02:00–02:45 on 31 March
    assert not [e for e in parsed.errors if e not in spring]
    autumn = [t for _n, t, _v in parsed.rows if t.date() == dt.date(2024, 10, 27)]
    autumn = autumn + [t for _n, t, _v in parsed.rows if t.date() == dt.date(2024, 10, 26)]
    assert len(autumn) == len(set(autumn)) == 20
    assert dt.datetime(2024, 10, 27, 0, 45, tzinfo=UTC) in autumn  # first 02:45 (CEST)
    assert dt.datetime(2024, 10, 27, 1, 45, tzinfo=UTC) in autumn  # second 02:45 (CET)


def test_third_autumn_hour_and_duplicates_in_an_unsorted_file():
    text = "\n".join(
        [
            "27.10.2024 02:00;1",
            "27.10.2024 02:00;1",
            "27.10.2024 02:00;1",  # a third 02:00
            "27.10.2024 05:00;1",
            "27.10.2024 04:00;1",  # earlier than the row before: fine
            "27.10.2024 05:00;1",  # duplicate of row 4
        ]
    )
    parsed = both(text + "\n")
    assert [(e.row, e.message) for e in parsed.errors] == [
        (3, "duplicate time %(value)s"),
        (6, "duplicate time (same as row %(other)s)"),
    ]
    assert parsed.errors[1].params == {"other": 4}


def test_ambiguous_single_readings_and_other_zones():
    both("27.10.2024 02:30;100\n27.10.2024 03:30;101\n", interval=False)
    both("03.11.2024 01:30;1\n10.03.2024 02:30;1\n", tz=importers.ZoneInfo("America/New_York"))
    both("01.01.2025 08:00;1\n", tz=importers.ZoneInfo("Asia/Kolkata"))


def test_a_time_at_the_edge_of_the_calendar_is_a_row_error():
    text = b"Zeit;kWh\n01.01.0001 00:30;1\n9999-12-31T23:00-12:00;1\n31.12.9999 23:30;1\n"
    parsed = importers.parse("x.csv", text, interval=True, meter_unit="kWh")
    assert [(e.row, e.column) for e in parsed.errors] == [(2, "A"), (3, "A")]
    assert parsed.rows == [(4, dt.datetime(9999, 12, 31, 22, 30, tzinfo=UTC), 1.0)]
    with pytest.raises(OverflowError):  # the parser before the fast path crashed
        reference.parse("x.csv", text, interval=True, meter_unit="kWh")


DAYS = ["27.10.2024", "31.03.2024", "01.01.2025", "2024-10-27", "2024-03-31", "2025-01-01", "1.1.2025"]
TIMES = [
    " 00:00",
    " 01:45",
    " 02:00",
    " 02:15",
    " 02:30",
    " 03:00",
    " 23:45",
    "T02:30",
    ", 02:30",
    " 02:30:59",
    "T02:30+01:00",
    "T02:30+02:00",
    "T02:30Z",
    " 02:30:00.5+0100",
    " 2:30",
    " 24:00",
    "",
    " 02:60",
    "x",
]
VALUES = ["1", "12,5", "-3,25", "1.234,5", "1,234.5", "1e3", "nan", "", "abc", "+-1", "0,1", "7.", " 8 "]
UNITS = [None, "", "kWh", "kW", "MWh", "m³", "xyz"]
HEADERS = [None, "Zeit;kWh", "Zeit;kW", "Zeit;Wert", "Zeit;m³"]

row = st.tuples(
    st.sampled_from(DAYS), st.sampled_from(TIMES), st.sampled_from(VALUES), st.sampled_from(UNITS)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.sampled_from(HEADERS),
    rows=st.lists(row, max_size=30),
    interval=st.booleans(),
    meter_unit=st.sampled_from(["kWh", "MWh", "m3"]),
    blank=st.integers(min_value=0, max_value=5),
)
def test_same_rows_and_errors_as_before(header, rows, interval, meter_unit, blank):
    lines = [header] if header else []
    for day, time, value, unit in rows:
        lines.append(";".join([day + time, value] + ([unit] if unit is not None else [])))
    lines.insert(min(blank, len(lines)), ";")  # a blank row somewhere
    both("\n".join(lines) + "\n", interval=interval, meter_unit=meter_unit)


cell = st.text(alphabet="0123456789.,:-+ TZ'\u00a0e", max_size=26)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    stamps=st.lists(st.one_of(st.builds("".join, st.tuples(st.sampled_from(DAYS), cell)), cell), max_size=20),
    values=st.lists(cell, min_size=20, max_size=20),
    interval=st.booleans(),
)
def test_same_rows_and_errors_as_before_for_any_text(stamps, values, interval):
    text = "Zeit;kWh\n" + "".join(f"{s};{v}\n" for s, v in zip(stamps, values, strict=False))
    both(text, interval=interval)


class small_blocks:
    """CSV rows read column by column in blocks of ``size`` rows (``importers._BLOCK``)."""

    def __init__(self, size):
        self.size = size

    def __enter__(self):
        self.before, importers._BLOCK = importers._BLOCK, self.size

    def __exit__(self, *exc):
        importers._BLOCK = self.before


PLAIN_DAYS = [
    "26.10.2024",
    "27.10.2024",
    "28.10.2024",
    "2024-10-28",
    "2024-10-29",
    "30.03.2024",
    "31.03.2024",
]
PLAIN_TIMES = [" 00:00", " 01:45", " 02:15", " 02:30", " 23:45", "T02:30", "T02:30+01:00", " 2:30"]
PLAIN_VALUES = ["1", "12,5", "-3,25", "7.", ",5", "1.234,5", "+-1", "x"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.sampled_from([None, "Zeit;kWh", "Zeit;kW;Einheit"]),
    rows=st.lists(
        st.tuples(
            st.sampled_from(PLAIN_DAYS),
            st.sampled_from(PLAIN_TIMES),
            st.sampled_from(PLAIN_VALUES),
            st.sampled_from([None, None, None, "kWh"]),
        ),
        max_size=24,
    ),
    size=st.integers(min_value=1, max_value=6),
    interval=st.booleans(),
)
def test_blocks_read_column_by_column_give_the_same_rows_and_errors(header, rows, size, interval):
    """Blocks of plain rows next to blocks with a switch day, an offset, a duplicate, a unit cell
    or an odd number: the rows, errors and row numbers of the parser before."""
    lines = [header] if header else []
    for day, time, value, unit in sorted(rows, key=lambda r: r[0][-4:] + r[0][3:5] + r[0][:2] + r[1]):
        lines.append(";".join([day + time, value] + ([unit] if unit is not None else [])))
    with small_blocks(size):
        both("\n".join(lines) + "\n", interval=interval)


def test_a_year_of_quarter_hours_with_both_switches():
    """A year of quarter hours as a meter operator writes it (the doubled autumn hour twice in
    a row, no spring hour): the same rows as the parser before, all of them read in blocks
    except those of the switch days."""
    lines, t = ["Zeitstempel;kWh"], dt.datetime(2024, 1, 1)
    while t.year == 2024:
        if not (t.month == 3 and t.day == 31 and t.hour == 2):
            lines.append(f"{t:%d.%m.%Y %H:%M};{t.minute // 10},{t.minute % 10}")
            if (t.month, t.day, t.hour, t.minute) == (10, 27, 2, 45):
                lines += lines[-4:]  # 02:00–02:45 again, in winter time
        t += dt.timedelta(minutes=15)
    parsed = both("\n".join(lines) + "\n")
    assert parsed.errors == [] and len(parsed.rows) == 366 * 96 == parsed.total
    utc = [r[1] for r in parsed.rows]
    assert utc == sorted(set(utc)) and utc[0] == dt.datetime(2023, 12, 31, 23, 0, tzinfo=UTC)
    with small_blocks(96):
        assert both("\n".join(lines) + "\n").rows == parsed.rows
