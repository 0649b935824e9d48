"""Parsing reading files (CSV/XLSX): cumulative readings and interval load profiles.

* delimiter ``;`` / ``,`` / tab detected; decimal comma or point (``1.234,5`` and ``1,234.5``)
* local times (Europe/Berlin) are converted to UTC. A local time that does not exist (spring
  forward) is an error; an ambiguous one (autumn, 02:00–02:59 twice) is resolved by order in
  interval files (first = summer time, second = winter time) and is an error in a file of
  single readings unless the row states the UTC offset (ISO 8601, e.g. ``+01:00``).
* every problem names the row (1-based, as a spreadsheet shows it) and the column.
"""

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_noop

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


def read_table(name: str, data: bytes):
    """Rows (lists of cells) of a CSV or XLSX upload, after checks of name, size and content."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        if len(data) > MAX_XLSX_BYTES:
            raise FileRejected(gettext_noop("file too large"))
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise FileRejected(gettext_noop("not a valid XLSX file"))
        import openpyxl

        try:
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds
            raise FileRejected(gettext_noop("not a valid XLSX file")) from exc
        ws = wb.worksheets[0]
        for row in ws.iter_rows(values_only=True):
            yield ["" if c is None else c for c in row]
        wb.close()
        return
    if not lower.endswith((".csv", ".txt")):
        raise FileRejected(gettext_noop("only CSV or XLSX files"))
    if len(data) > MAX_CSV_BYTES:
        raise FileRejected(gettext_noop("file too large"))
    if b"\x00" in data[:4096]:
        raise FileRejected(gettext_noop("not a text file"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:4096]
    delimiter = max([";", "\t", ","], key=sample.count)
    if sample.count(delimiter) == 0:
        delimiter = ";"
    yield from csv.reader(io.StringIO(text), delimiter=delimiter)


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


class _Stamps:
    """The fast path for timestamp texts of ``parse``.

    A text is split into its first ten characters (``dd.mm.yyyy`` or ``yyyy-mm-dd``) and the rest
    (`` HH:MM``, ``T02:30+01:00`` …). Both parts repeat in interval files and are read once, with
    the same patterns as ``parse_time``; the conversion of local time to UTC is cached per
    (date, hour). Any other text (``1.1.2024 8:00``, spreadsheet cells) goes the full way.
    """

    def __init__(self, conv):
        self.conv = conv
        self.days = {}  # date part → (time parts, hours, naive midnight, UTC midnight) | _SLOW | _BAD
        self.de_times = {}  # time part → (hour, minutes and seconds, shift to UTC or None) | _BAD
        self.iso_times = {}

    def day(self, text):
        m = _DAY.fullmatch(text)
        if m is None:
            entry = _SLOW
        else:
            d, mo, y, iso_y, iso_mo, iso_d = m.groups()
            times = self.de_times
            if d is None:
                y, mo, d, times = iso_y, iso_mo, iso_d, self.iso_times
            try:
                midnight = dt.datetime(int(y), int(mo), int(d))
            except ValueError:
                entry = _BAD
            else:
                entry = (times, [None] * 24, midnight, midnight.replace(tzinfo=UTC))
        self.days[text] = entry
        return entry

    def time(self, times, text):
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
                shift = None if zone is None else dt.timedelta(hours=h) + delta - zone.utcoffset(None)
                entry = (h, delta, shift)
        times[text] = entry
        return entry

    def hour(self, day, h):
        """(kind, UTC start of the local hour if it is a normal one) for hour ``h`` of ``day``."""
        local = (day[2] + _HOURS[h]).replace(tzinfo=self.conv.tz)
        off = local.utcoffset()
        if off == local.replace(fold=1).utcoffset():  # as LocalTimeConverter.classify: normal
            entry = ("normal", day[3] + (_HOURS[h] - off))
        else:
            entry = (self.conv.classify(day[2] + _HOURS[h])[0], None)
        day[1][h] = entry
        return entry


def parse(name, data, *, interval: bool, meter_unit: str, tz=BERLIN, limit=None) -> Parsed:
    """Parse a file of readings (``interval=False``) or interval values (``interval=True``).

    Columns: time, value[, unit]. A first row that does not start with a time is a header;
    a header cell such as "kWh" or "kW" in the value column declares the unit.

    Interval files have a million rows, so the common case takes a fast path: timestamp parts
    and UTC offsets come from caches (``_Stamps``), a plain number (``12,3``, ``-4.5``) is read
    with ``float``, and the duplicate check needs no lookup while the times keep rising. Every
    other text goes the full way (``parse_time``, ``parse_number``); the checks and error
    messages are the same on both ways.
    """
    result = Parsed()
    conv = LocalTimeConverter(tz)
    stamps = _Stamps(conv)
    days = stamps.days
    append = result.rows.append
    add_error = result.add_error
    latest = None  # the latest UTC time so far; a row after it cannot be a duplicate
    seen_utc = None  # UTC time → row, built once the times stop rising
    seen_ambiguous = {}
    header_unit = None
    allowed_units = (meter_unit, "kW" if interval else None)
    total = 0
    for number, cells in enumerate(read_table(name, data), start=1):
        if not cells:
            continue
        first = cells[0]
        text = first.strip() if first.__class__ is str else None
        if not text and all(str(c).strip() == "" for c in cells):
            continue
        if number == 1 and not isinstance(first, dt.date):
            try:
                parse_time(first)
            except ValueError:
                if len(cells) > 1:
                    header = str(cells[1]).lower()
                    for alias, unit in UNIT_ALIASES.items():
                        if re.search(rf"(^|[\s(\[/]){re.escape(alias)}($|[\s)\]])", header):
                            header_unit = unit
                continue
        if limit is not None and total >= limit:
            break
        total += 1
        if len(cells) < 2:
            add_error(number, "B", gettext_noop("value missing"))
            continue
        # the time: cached date and time parts, else the full parser
        stamp = None  # naive local or aware datetime, unless the fast path resolves the row
        day = days.get(text[:10]) or stamps.day(text[:10]) if text else _SLOW
        if day is _SLOW:
            day = None
            try:
                stamp, _has_time = parse_time(first)
            except ValueError:
                add_error(
                    number, "A", gettext_noop("cannot read the time “%(value)s”"), value=str(first)[:40]
                )
                continue
        else:
            clock = _BAD if day is _BAD else day[0].get(text[10:]) or stamps.time(day[0], text[10:])
            if clock is _BAD:
                add_error(
                    number, "A", gettext_noop("cannot read the time “%(value)s”"), value=str(first)[:40]
                )
                continue
        # the value: a plain number (digits, one decimal comma or point) directly, else in full
        raw = cells[1]
        value = None
        if raw.__class__ is str:
            plain = raw.replace(",", ".") if "," in raw else raw
            if plain.isascii() and plain.lstrip("+-").replace(".", "", 1).isdigit():
                try:
                    value = float(plain)
                except ValueError:  # "+-1"
                    value = None
        if value is None:
            try:
                value = parse_number(raw)
            except ValueError:
                add_error(
                    number, "B", gettext_noop("cannot read the number “%(value)s”"), value=str(raw)[:40]
                )
                continue
        row_unit = None
        if len(cells) > 2 and str(cells[2]).strip():
            row_unit = UNIT_ALIASES.get(str(cells[2]).strip().lower())
            if row_unit is None:
                add_error(number, "C", gettext_noop("unknown unit “%(value)s”"), value=str(cells[2])[:20])
                continue
        unit = row_unit or header_unit
        if unit and unit not in allowed_units:
            add_error(
                number,
                "C" if row_unit else "B",
                gettext_noop("unit %(unit)s does not match the meter (%(meter)s)"),
                unit=unit,
                meter=meter_unit,
            )
            continue
        if result.unit is None and unit:
            result.unit = unit
        elif unit and result.unit != unit:
            add_error(
                number, "C", gettext_noop("mixed units in one file (%(a)s and %(b)s)"), a=result.unit, b=unit
            )
            continue
        try:
            if day is not None:
                hour, delta, shift = clock
                if shift is not None:  # the text states its UTC offset
                    utc = day[3] + shift
                else:
                    _kind, start = day[1][hour] or stamps.hour(day, hour)
                    if start is not None:
                        utc = start + delta
                    else:  # missing or doubled hour: as below
                        stamp = day[2] + dt.timedelta(hours=hour) + delta
            if stamp is None:
                pass
            elif stamp.tzinfo is not None:
                utc = stamp.astimezone(UTC)
            else:
                kind, _o0, _o1 = conv.classify(stamp)
                if kind == "missing":
                    add_error(
                        number,
                        "A",
                        gettext_noop("the local time %(value)s does not exist (switch to summer time)"),
                        value=stamp.strftime("%d.%m.%Y %H:%M"),
                    )
                    continue
                fold = 0
                if kind == "ambiguous":
                    if not interval:
                        add_error(
                            number,
                            "A",
                            gettext_noop(
                                "the local time %(value)s occurs twice (end of summer time); state the UTC offset"
                            ),
                            value=stamp.strftime("%d.%m.%Y %H:%M"),
                        )
                        continue
                    fold = seen_ambiguous.get(stamp, -1) + 1
                    seen_ambiguous[stamp] = fold
                    if fold > 1:
                        add_error(
                            number,
                            "A",
                            gettext_noop("duplicate time %(value)s"),
                            value=stamp.strftime("%d.%m.%Y %H:%M"),
                        )
                        continue
                utc, _kind = conv.to_utc(stamp, fold)
        except OverflowError:  # a time at the very edge of the calendar (year 1 or 9999)
            add_error(number, "A", gettext_noop("cannot read the time “%(value)s”"), value=str(first)[:40])
            continue
        if latest is not None and utc <= latest:
            if seen_utc is None:
                seen_utc = {t: n for n, t, _v in result.rows}
            other = seen_utc.get(utc)
            if other is not None:
                add_error(number, "A", gettext_noop("duplicate time (same as row %(other)s)"), other=other)
                continue
            seen_utc[utc] = number
        else:
            latest = utc
            if seen_utc is not None:
                seen_utc[utc] = number
        append((number, utc, value))
    result.total = total
    if total == 0:
        add_error(0, "", gettext_noop("the file contains no data rows"))
    return result


def interval_minutes(rows) -> int:
    """The most frequent step between consecutive times (15 or 60 in practice)."""
    steps = {}
    ordered = sorted(r[1] for r in rows)
    for a, b in zip(ordered, ordered[1:1001], strict=False):
        m = int((b - a).total_seconds() // 60)
        steps[m] = steps.get(m, 0) + 1
    return max(steps, key=steps.get) if steps else 15
