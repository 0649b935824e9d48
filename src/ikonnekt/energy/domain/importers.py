"""Parsing reading files (CSV/XLSX): cumulative readings and interval load profiles.

* delimiter ``;`` / ``,`` / tab detected; decimal comma or point (``1.234,5`` and ``1,234.5``)
* local times (Europe/Berlin) are converted to UTC. A local time that does not exist (spring
  forward) is an error; an ambiguous one (autumn, 02:00–02:59 twice) is resolved by order in
  interval files (first = summer time, second = winter time) and is an error in a file of
  single readings unless the row states the UTC offset (ISO 8601, e.g. ``+01:00``).
* every problem names the row (1-based, as a spreadsheet shows it) and the column.
"""

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from itertools import islice
from operator import add, itemgetter, lt
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_noop

from ikonnekt.core import tabular

BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.UTC
MAX_CSV_BYTES = 80 * 1024 * 1024
MAX_XLSX_BYTES = 25 * 1024 * 1024
MAX_ERRORS = 200


class FileRejected(ValueError):
    pass


@dataclass
class RowError:
    row: int
    column: str
    message: str
    params: dict = field(default_factory=dict)


@dataclass
class Parsed:
    rows: list = field(default_factory=list)  # (row number, utc datetime, float value)
    errors: list = field(default_factory=list)
    total: int = 0
    unit: str | None = None

    def add_error(self, row, column, message, **params):
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(row, column, message, params))


NUMBER_RE = re.compile(r"^[+-]?[0-9.,' ]+$")


def parse_number(text):
    """German or English number → float; raises ValueError."""
    if isinstance(text, int | float):
        return float(text)
    s = str(text).strip().replace("\u00a0", "").replace(" ", "").replace("'", "")
    if not s or not NUMBER_RE.match(s):
        raise ValueError(text)
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif "," in s:
        if s.count(",") > 1:
            raise ValueError(text)
        s = s.replace(",", ".")
    elif s.count(".") > 1:
        s = s.replace(".", "")
    return float(s)


# A timestamp is a date part and a time part; the fast path of ``parse`` matches them separately
# with the same patterns (``_DAY`` covers the fixed-width dates ``dd.mm.yyyy`` and ``yyyy-mm-dd``).
_DE_DATE = r"(\d{1,2})\.(\d{1,2})\.(\d{4})"
_DE_TIME = r"(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
_ISO_DATE = r"(\d{4})-(\d{2})-(\d{2})"
_ISO_TIME = r"(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?"
_DE = re.compile(f"^{_DE_DATE}{_DE_TIME}$")
_ISO = re.compile(f"^{_ISO_DATE}{_ISO_TIME}$")
_DAY = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})|(\d{4})-(\d{2})-(\d{2})")
_DE_TAIL = re.compile(_DE_TIME)
_ISO_TAIL = re.compile(_ISO_TIME)


def parse_time(value):
    """→ (naive local datetime or aware datetime, has_time). Raises ValueError."""
    if isinstance(value, dt.datetime):
        return value, True
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time()), False
    s = str(value).strip()
    m = _DE.match(s)
    if m:
        d, mo, y, h, mi, se = m.groups()
        return dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(se or 0)), h is not None
    m = _ISO.match(s)
    if m:
        y, mo, d, h, mi, se, tz = m.groups()
        naive = dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(se or 0))
        if tz:
            return naive.replace(tzinfo=_zone(tz)), True
        return naive, h is not None
    raise ValueError(s)


def _zone(tz):
    """The time zone of an ISO 8601 suffix (``Z``, ``+01:00``, ``-0530``); ValueError if out of range."""
    if tz == "Z":
        return UTC
    sign = 1 if tz[0] == "+" else -1
    digits = tz[1:].replace(":", "")
    offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return dt.timezone(sign * offset)


class LocalTimeConverter:
    """Local Europe/Berlin → UTC with a cache per (date, hour) and DST classification."""

    def __init__(self, tz=BERLIN):
        self.tz = tz
        self.cache = {}

    def classify(self, naive):
        key = (naive.year, naive.month, naive.day, naive.hour)
        hit = self.cache.get(key)
        if hit is None:
            probe = naive.replace(minute=0, second=0)
            a = probe.replace(tzinfo=self.tz, fold=0)
            off_a, off_b = a.utcoffset(), a.replace(fold=1).utcoffset()
            if off_a == off_b:
                # neither skipped nor doubled: there the two folds differ (PEP 495)
                hit = ("normal", off_a, off_a)
            else:
                back = a.astimezone(UTC).astimezone(self.tz).replace(tzinfo=None)
                hit = ("missing" if back != probe else "ambiguous", off_a, off_b)
            self.cache[key] = hit
        return hit

    def to_utc(self, naive, fold=0):
        kind, off0, off1 = self.classify(naive)
        return (naive - (off1 if fold else off0)).replace(tzinfo=UTC), kind


def _csv_text(name: str, data: bytes):
    """(text, delimiter) of a CSV upload after the checks of name, size and content."""
    if not name.lower().endswith((".csv", ".txt")):
        raise FileRejected(gettext_noop("only CSV or XLSX files"))
    if len(data) > MAX_CSV_BYTES:
        raise FileRejected(gettext_noop("file too large"))
    if b"\x00" in data[:4096]:
        raise FileRejected(gettext_noop("not a text file"))
    text = tabular.decode_text(data)
    sample = text[:4096]
    delimiter = max([";", "\t", ","], key=sample.count)
    if sample.count(delimiter) == 0:
        delimiter = ";"
    return text, delimiter


def read_table(name: str, data: bytes):
    """Rows (lists of cells) of a CSV or XLSX upload, after checks of name, size and content."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        if len(data) > MAX_XLSX_BYTES:
            raise FileRejected(gettext_noop("file too large"))
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise FileRejected(gettext_noop("not a valid XLSX file"))
        try:  # archive checks (ZIP bombs), DTDs refused, broken sheets: a message, not a 500
            for row in tabular.xlsx_rows(data):
                yield ["" if c is None else c for c in row]
        except tabular.TableError as exc:
            raise FileRejected(str(exc)) from exc
        return
    text, delimiter = _csv_text(name, data)
    try:
        yield from tabular.csv_rows(text, delimiter)
    except tabular.TableError as exc:
        raise FileRejected(str(exc)) from exc


def read_csv_blocks(name: str, data: bytes, size: int):
    """The rows of a CSV upload (``read_table``) in lists of up to ``size`` rows."""
    text, delimiter = _csv_text(name, data)
    try:
        yield from tabular.csv_blocks(text, delimiter, size)
    except tabular.TableError as exc:
        raise FileRejected(str(exc)) from exc


UNIT_ALIASES = {
    "kwh": "kWh",
    "mwh": "MWh",
    "m3": "m3",
    "m³": "m3",
    "l": "l",
    "liter": "l",
    "kg": "kg",
    "kw": "kW",
}


_SLOW = ("slow",)  # a date part the fast path does not know: the full parser reads the text
_BAD = ("bad",)  # a date or time part that cannot be read
_HOURS = [dt.timedelta(hours=h) for h in range(24)]
_EARLIEST = dt.datetime.min.replace(tzinfo=UTC)


class _Stamps:
    """Timestamp texts, read in parts with caches.

    A text is split into its first ten characters (``dd.mm.yyyy`` or ``yyyy-mm-dd``) and the rest
    (`` HH:MM``, ``T02:30+01:00`` …). Both parts repeat in interval files and are read once, with
    the same patterns as ``parse_time``; the UTC start of each local hour is computed once. Any
    other text (``1.1.2024 8:00``, spreadsheet cells) goes the full way (``parse_time``).

    A day is ``(time parts, UTC start per hour, naive midnight, UTC midnight, local time parts)``;
    time parts map to ``(hour, minutes and seconds, shift to UTC if the text states an offset)``,
    local time parts (those without an offset) to ``(hour, minutes and seconds)``.
    """

    def __init__(self, conv):
        self.conv = conv
        self.days = {}  # date part → day | _SLOW | _BAD
        self.known_days = {}  # date part → day, readable dates only
        self.de_times = {}  # time part → (hour, minutes and seconds, shift or None) | _BAD
        self.iso_times = {}
        self.de_local = {}  # time part → (hour, minutes and seconds), without offset
        self.iso_local = {}

    def day(self, text):
        m = _DAY.fullmatch(text)
        if m is None:
            entry = _SLOW
        else:
            d, mo, y, iso_y, iso_mo, iso_d = m.groups()
            times, local = self.de_times, self.de_local
            if d is None:
                y, mo, d, times, local = iso_y, iso_mo, iso_d, self.iso_times, self.iso_local
            try:
                y, mo, d = int(y), int(mo), int(d)
                midnight = dt.datetime(y, mo, d)
            except ValueError:
                entry = _BAD
            else:
                # tzinfo given by position: a keyword argument costs the datetime C code some µs
                entry = (times, [None] * 24, midnight, dt.datetime(y, mo, d, 0, 0, 0, 0, UTC), local)
                self.known_days[text] = entry
        self.days[text] = entry
        return entry

    def time(self, day, text):
        times = day[0]
        iso = times is self.iso_times
        m = (_ISO_TAIL if iso else _DE_TAIL).fullmatch(text)
        entry = _BAD
        if m is not None:
            h, mi, se, tz = m.groups() if iso else (*m.groups(), None)
            h, mi, se = int(h or 0), int(mi or 0), int(se or 0)
            try:
                dt.time(h, mi, se)  # the same range check as the datetime constructor
                zone = _zone(tz) if tz else None
            except ValueError:
                pass
            else:
                delta = dt.timedelta(minutes=mi, seconds=se)
                if zone is None:
                    entry = (h, delta, None)
                    day[4][text] = (h, delta)
                else:
                    entry = (h, delta, _HOURS[h] + delta - zone.utcoffset(None))
        times[text] = entry
        return entry

    def normal_midnight(self, day):
        """UTC time of the local midnight of ``day`` if every hour of it starts that many hours
        later (``hour(day, h) == hour(day, 0) + h`` for every ``h``: no skipped or doubled hour);
        None otherwise.

        The same as asking ``hour`` for each hour, in fewer steps: a skipped or doubled local
        time gives the offset before the switch with ``fold=0`` (PEP 495), so the hours after
        it in the day have another offset than the hours before; only a switch that covers the
        day's last hour (and ends after midnight) leaves the 24 offsets equal, and then that
        hour's offset with ``fold=1`` differs. (``datetime.replace`` costs some µs: once.)"""
        utcoffset = self.conv.tz.utcoffset
        hours = list(map(day[2].__add__, _HOURS))
        offsets = list(map(utcoffset, hours))
        first = offsets[0]
        if offsets.count(first) != 24 or utcoffset(hours[23].replace(fold=1)) != first:
            return None
        return day[3] - first

    def hour(self, day, h):
        """UTC start of the local hour ``h`` of ``day``; None if it is skipped or doubled (DST)."""
        start = day[1][h]
        if start is None:
            local, utcoffset = day[2] + _HOURS[h], self.conv.tz.utcoffset
            off = utcoffset(local)
            if off == utcoffset(local.replace(fold=1)):  # normal, as in LocalTimeConverter.classify
                start = day[1][h] = day[3] + (_HOURS[h] - off)
        return start


class _Rows:
    """Reading one row in full, with every check (the way of every row that the fast loop of
    ``parse`` does not take), and the state of the file read so far."""

    def __init__(self, result, stamps, *, interval, meter_unit, limit):
        self.result = result
        self.stamps = stamps
        self.conv = stamps.conv
        self.interval = interval
        self.meter_unit = meter_unit
        self.allowed_units = (meter_unit, "kW" if interval else None)
        self.limit = limit
        self.header_unit = None
        self.total = 0
        self.latest = _EARLIEST  # the latest UTC time so far: a later row cannot be a duplicate
        self.seen_utc = None  # UTC time → row, built once the times stop rising
        self.seen_ambiguous = {}

    def plain_rows_are_simple(self):
        """Whether a row "time;number" needs neither a unit check nor the index of seen times."""
        unit = self.header_unit
        return self.seen_utc is None and (
            unit is None or (unit in self.allowed_units and self.result.unit == unit)
        )

    def read(self, number, cells) -> bool:
        """Check and add one row; False when the row limit is reached."""
        result, stamps = self.result, self.stamps
        add_error = result.add_error
        if not cells:
            return True
        first = cells[0]
        text = first.strip() if first.__class__ is str else None
        if not text and all(str(c).strip() == "" for c in cells):
            return True
        if number == 1 and not isinstance(first, dt.date):
            try:
                parse_time(first)
            except ValueError:
                if len(cells) > 1:
                    header = str(cells[1]).lower()
                    for alias, unit in UNIT_ALIASES.items():
                        if re.search(rf"(^|[\s(\[/]){re.escape(alias)}($|[\s)\]])", header):
                            self.header_unit = unit
                return True
        if self.limit is not None and self.total >= self.limit:
            return False
        self.total += 1
        if len(cells) < 2:
            add_error(number, "B", gettext_noop("value missing"))
            return True
        # the time: cached date and time parts, else the full parser
        stamp = None  # naive local or aware datetime, unless the cached parts give the time
        day = stamps.days.get(text[:10]) or stamps.day(text[:10]) if text else _SLOW
        if day is _SLOW:
            day = None
            try:
                stamp, _has_time = parse_time(first)
            except ValueError:
                add_error(
                    number, "A", gettext_noop("cannot read the time “%(value)s”"), value=str(first)[:40]
                )
                return True
        else:
            clock = _BAD if day is _BAD else day[0].get(text[10:]) or stamps.time(day, text[10:])
            if clock is _BAD:
                add_error(
                    number, "A", gettext_noop("cannot read the time “%(value)s”"), value=str(first)[:40]
                )
                return True
        raw = cells[1]
        try:
            value = parse_number(raw)
        except ValueError:
            add_error(number, "B", gettext_noop("cannot read the number “%(value)s”"), value=str(raw)[:40])
            return True
        row_unit = None
        if len(cells) > 2 and str(cells[2]).strip():
            row_unit = UNIT_ALIASES.get(str(cells[2]).strip().lower())
            if row_unit is None:
                add_error(number, "C", gettext_noop("unknown unit “%(value)s”"), value=str(cells[2])[:20])
                return True
        unit = row_unit or self.header_unit
        if unit and unit not in self.allowed_units:
            add_error(
                number,
                "C" if row_unit else "B",
                gettext_noop("unit %(unit)s does not match the meter (%(meter)s)"),
                unit=unit,
                meter=self.meter_unit,
            )
            return True
        if result.unit is None and unit:
            result.unit = unit
        elif unit and result.unit != unit:
            add_error(
                number, "C", gettext_noop("mixed units in one file (%(a)s and %(b)s)"), a=result.unit, b=unit
            )
            return True
        try:
            if day is not None:
                hour, delta, shift = clock
                if shift is not None:  # the text states its UTC offset
                    utc = day[3] + shift
                else:
                    start = stamps.hour(day, hour)
                    if start is not None:
                        utc = start + delta
                    else:  # a skipped or doubled hour: as below
                        stamp = day[2] + _HOURS[hour] + delta
            if stamp is None:
                pass
            elif stamp.tzinfo is not None:
                utc = stamp.astimezone(UTC)
            else:
                utc = self.local_to_utc(number, stamp)
                if utc is None:
                    return True
        except OverflowError:  # a time at the very edge of the calendar (year 1 or 9999)
            add_error(number, "A", gettext_noop("cannot read the time “%(value)s”"), value=str(first)[:40])
            return True
        if utc <= self.latest:
            if self.seen_utc is None:
                self.seen_utc = {t: n for n, t, _v in result.rows}
            other = self.seen_utc.get(utc)
            if other is not None:
                add_error(number, "A", gettext_noop("duplicate time (same as row %(other)s)"), other=other)
                return True
            self.seen_utc[utc] = number
        else:
            self.latest = utc
            if self.seen_utc is not None:
                self.seen_utc[utc] = number
        result.rows.append((number, utc, value))
        return True

    def local_to_utc(self, number, stamp):
        """UTC of a naive local time, or None after adding the row's error (DST)."""
        kind, _o0, _o1 = self.conv.classify(stamp)
        if kind == "missing":
            self.result.add_error(
                number,
                "A",
                gettext_noop("the local time %(value)s does not exist (switch to summer time)"),
                value=stamp.strftime("%d.%m.%Y %H:%M"),
            )
            return None
        fold = 0
        if kind == "ambiguous":
            if not self.interval:
                self.result.add_error(
                    number,
                    "A",
                    gettext_noop(
                        "the local time %(value)s occurs twice (end of summer time); state the UTC offset"
                    ),
                    value=stamp.strftime("%d.%m.%Y %H:%M"),
                )
                return None
            fold = self.seen_ambiguous.get(stamp, -1) + 1
            self.seen_ambiguous[stamp] = fold
            if fold > 1:
                self.result.add_error(
                    number,
                    "A",
                    gettext_noop("duplicate time %(value)s"),
                    value=stamp.strftime("%d.%m.%Y %H:%M"),
                )
                return None
        utc, _kind = self.conv.to_utc(stamp, fold)
        return utc


def parse(name, data, *, interval: bool, meter_unit: str, tz=BERLIN, limit=None) -> Parsed:
    """Parse a file of readings (``interval=False``) or interval values (``interval=True``).

    Columns: time, value[, unit]. A first row that does not start with a time is a header;
    a header cell such as "kWh" or "kW" in the value column declares the unit.

    Interval files are long (a year of quarter hours is 35,040 rows), so a CSV file is read in
    one go and its rows in blocks (``_Blocks``): a block of plain rows ``dd.mm.yyyy HH:MM;12,3``
    (or ISO dates) is read column by column. Every other block takes a loop over its rows in
    which the plain row has a fast path: date and time parts and the UTC start of the local hour
    come from caches (``_Stamps``), the number is read with ``float`` when it is only digits with
    one decimal comma or point, and a time later than every time before cannot be a duplicate.
    Every other row (a header, a unit column, thousands separators, a time stated with an offset,
    a skipped or doubled hour, an unknown date part, a time earlier than one before, a
    spreadsheet, a preview with ``limit``) is read in full by ``_Rows.read`` with the same checks
    and messages as always.
    """
    result = Parsed()
    stamps = _Stamps(LocalTimeConverter(tz))
    rows = _Rows(result, stamps, interval=interval, meter_unit=meter_unit, limit=limit)
    fast_rows = 0
    if limit is not None or name.lower().endswith(".xlsx"):  # a preview stops early; cells of any type
        for number, cells in enumerate(read_table(name, data), start=1):
            if not rows.read(number, cells):
                break
    else:
        blocks = _Blocks(stamps)
        number = 1  # of the first row of the block
        for block in read_csv_blocks(name, data, _BLOCK):
            while block and (number == 1 or not rows.plain_rows_are_simple()):
                rows.read(number, block.pop(0))  # the first row may be a header: read in full
                number += 1
            if not block:
                continue
            if blocks.take(rows, block, number):
                fast_rows += len(block)
            else:
                fast_rows += _read_rows(rows, block, number)
            number += len(block)
    result.total = rows.total + fast_rows
    if result.total == 0:
        result.add_error(0, "", gettext_noop("the file contains no data rows"))
    return result


_BLOCK = 256  # rows of a CSV file read column by column at a time
_DATE_PART = itemgetter(slice(None, 10))
_TIME_PART = itemgetter(slice(10, None))
# a character that no number read by the fast paths has (after "," → "."; "\n" separates them)
_NOT_PLAIN = re.compile(r"[^0-9.+\n-]")


class _Blocks:
    """Reading a block of plain CSV rows column by column: every row two cells, a readable date
    part (``dd.mm.yyyy`` or ``yyyy-mm-dd``, one kind per block) of a day without a skipped or
    doubled hour, a local time part, a plain number, the times rising and later than every time
    before. The UTC time of a row is the UTC time of its day's local midnight (as if that day
    had no switch, which it has not) plus the time of day; the results are those of the fast
    path of ``_read_rows``."""

    def __init__(self, stamps):
        self.stamps = stamps
        self.midnights = {"de": {}, "iso": {}}  # date part → UTC time of local midnight
        self.clocks = {"de": {}, "iso": {}}  # local time part → time of day
        self.other_days = set()  # date parts not read here: unknown, bad, or a day with a switch
        self.other_clocks = {"de": set(), "iso": set()}
        self.a_day = {}  # kind → any day of that kind (``_Stamps.time`` reads a part by its day's kind)

    def _learn_days(self, dates):
        stamps = self.stamps
        for text in dates:
            day = stamps.days.get(text) or stamps.day(text)
            if day is _SLOW or day is _BAD:
                self.other_days.add(text)
                continue
            kind = "iso" if day[0] is stamps.iso_times else "de"
            self.a_day[kind] = day
            midnight = stamps.normal_midnight(day)
            if midnight is None:
                self.other_days.add(text)
            else:
                self.midnights[kind][text] = midnight

    def _learn_clocks(self, kind, parts):
        clocks, day = self.clocks[kind], self.a_day[kind]
        for text in parts:
            clock = day[0].get(text) or self.stamps.time(day, text)
            if clock is _BAD or clock[2] is not None:  # unreadable, or the text states its offset
                self.other_clocks[kind].add(text)
            else:
                clocks[text] = _HOURS[clock[0]] + clock[1]

    def take(self, rows, block, first_number) -> bool:
        """Add the rows of ``block`` (row numbers from ``first_number``) if every one is plain;
        False (nothing added) otherwise."""
        if set(map(len, block)) != {2}:
            return False
        texts, raws = zip(*block, strict=True)
        dates = list(map(_DATE_PART, texts))
        for kind in ("de", "iso"):
            midnights = list(map(self.midnights[kind].get, dates))
            if None not in midnights:
                break
        else:
            new = set(dates).difference(self.other_days, self.midnights["de"], self.midnights["iso"])
            if not new:
                return False
            self._learn_days(new)
            return self.take(rows, block, first_number)
        parts = list(map(_TIME_PART, texts))
        clocks = list(map(self.clocks[kind].get, parts))
        if None in clocks:
            new = set(parts).difference(self.clocks[kind], self.other_clocks[kind])
            if not new:
                return False
            self._learn_clocks(kind, new)
            clocks = list(map(self.clocks[kind].get, parts))
            if None in clocks:
                return False
        utc = list(map(add, midnights, clocks))
        if not (utc[0] > rows.latest and all(map(lt, utc, islice(utc, 1, None)))):
            return False
        numbers = "\n".join(raws).replace(",", ".")
        if _NOT_PLAIN.search(numbers):
            return False
        try:  # over these characters ``float`` reads exactly [+-]?(digits[.digits]|.digits)
            values = list(map(float, numbers.split("\n")))
        except ValueError:  # "+-1", "1.2.3", "-", "", …
            return False
        if len(values) != len(raws):  # a cell with a line break
            return False
        rows.result.rows.extend(zip(range(first_number, first_number + len(block)), utc, values, strict=True))
        rows.latest = utc[-1]
        return True


def _read_rows(rows, block, first_number) -> int:
    """Add the rows of ``block`` one by one (row numbers from ``first_number``): plain rows on a
    fast path (see ``parse``), every other row by ``_Rows.read``. Returns the number of rows
    added on the fast path (``_Rows.read`` counts its own)."""
    stamps = rows.stamps
    known_days = stamps.known_days
    hour = stamps.hour
    append = rows.result.rows.append
    latest = rows.latest
    simple = rows.plain_rows_are_simple()
    fast_rows = 0
    for number, cells in enumerate(block, start=first_number):
        if simple and len(cells) == 2:
            text, raw = cells
            day = known_days.get(text[:10])
            if day is not None:
                clock = day[4].get(text[10:])
                if clock is not None:
                    start = day[1][clock[0]] or hour(day, clock[0])
                    if start is not None:
                        utc = start + clock[1]
                        if utc > latest:
                            plain = raw.replace(",", ".") if "," in raw else raw
                            if plain.isascii() and plain.lstrip("+-").replace(".", "", 1).isdigit():
                                try:
                                    append((number, utc, float(plain)))
                                except ValueError:  # "+-1"
                                    pass
                                else:
                                    latest = utc
                                    fast_rows += 1
                                    continue
        rows.latest = latest
        rows.read(number, cells)
        latest = rows.latest
        simple = rows.plain_rows_are_simple()
    rows.latest = latest
    return fast_rows


def interval_minutes(rows) -> int:
    """The most frequent step between consecutive times (15 or 60 in practice)."""
    steps = {}
    ordered = sorted(map(_TIME, rows))
    for a, b in zip(ordered, ordered[1:1001], strict=False):
        m = int((b - a).total_seconds() // 60)
        steps[m] = steps.get(m, 0) + 1
    return max(steps, key=steps.get) if steps else 15


_TIME = itemgetter(1)
