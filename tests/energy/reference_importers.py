"""The reading parser as it was before its fast path (commit c045e74), kept unchanged as the
oracle for tests/energy/test_importers_fast.py: the fast parser must give the same rows and
the same errors for any file. Do not optimise this copy."""

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


_DE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$"
)


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
            if tz == "Z":
                return naive.replace(tzinfo=UTC), True
            sign = 1 if tz[0] == "+" else -1
            digits = tz[1:].replace(":", "")
            offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            return naive.replace(tzinfo=dt.timezone(sign * offset)), True
        return naive, h is not None
    raise ValueError(s)


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
            b = probe.replace(tzinfo=self.tz, fold=1)
            off_a, off_b = a.utcoffset(), b.utcoffset()
            back = a.astimezone(UTC).astimezone(self.tz).replace(tzinfo=None)
            if back != probe:
                hit = ("missing", off_a, off_b)
            elif off_a != off_b:
                hit = ("ambiguous", off_a, off_b)
            else:
                hit = ("normal", off_a, off_a)
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


def parse(name, data, *, interval: bool, meter_unit: str, tz=BERLIN, limit=None) -> Parsed:
    """Parse a file of readings (``interval=False``) or interval values (``interval=True``).

    Columns: time, value[, unit]. A first row that does not start with a time is a header;
    a header cell such as "kWh" or "kW" in the value column declares the unit.
    """
    result = Parsed()
    conv = LocalTimeConverter(tz)
    seen_utc = {}
    seen_ambiguous = {}
    header_unit = None
    rows = read_table(name, data)
    for number, cells in enumerate(rows, start=1):
        if not cells or all(str(c).strip() == "" for c in cells):
            continue
        first = cells[0]
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
        if limit is not None and result.total >= limit:
            break
        result.total += 1
        if len(cells) < 2:
            result.add_error(number, "B", gettext_noop("value missing"))
            continue
        try:
            stamp, has_time = parse_time(first)
        except ValueError:
            result.add_error(
                number, "A", gettext_noop("cannot read the time “%(value)s”"), value=str(first)[:40]
            )
            continue
        try:
            value = parse_number(cells[1])
        except ValueError:
            result.add_error(
                number, "B", gettext_noop("cannot read the number “%(value)s”"), value=str(cells[1])[:40]
            )
            continue
        row_unit = None
        if len(cells) > 2 and str(cells[2]).strip():
            row_unit = UNIT_ALIASES.get(str(cells[2]).strip().lower())
            if row_unit is None:
                result.add_error(
                    number, "C", gettext_noop("unknown unit “%(value)s”"), value=str(cells[2])[:20]
                )
                continue
        unit = row_unit or header_unit
        if unit and unit not in (meter_unit, "kW" if interval else None):
            result.add_error(
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
            result.add_error(
                number, "C", gettext_noop("mixed units in one file (%(a)s and %(b)s)"), a=result.unit, b=unit
            )
            continue
        if stamp.tzinfo is not None:
            utc = stamp.astimezone(UTC)
        else:
            kind, _o0, _o1 = conv.classify(stamp)
            if kind == "missing":
                result.add_error(
                    number,
                    "A",
                    gettext_noop("the local time %(value)s does not exist (switch to summer time)"),
                    value=stamp.strftime("%d.%m.%Y %H:%M"),
                )
                continue
            fold = 0
            if kind == "ambiguous":
                if not interval:
                    result.add_error(
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
                    result.add_error(
                        number,
                        "A",
                        gettext_noop("duplicate time %(value)s"),
                        value=stamp.strftime("%d.%m.%Y %H:%M"),
                    )
                    continue
            utc, _kind = conv.to_utc(stamp, fold)
        if utc in seen_utc:
            result.add_error(
                number, "A", gettext_noop("duplicate time (same as row %(other)s)"), other=seen_utc[utc]
            )
            continue
        seen_utc[utc] = number
        result.rows.append((number, utc, value))
    if result.total == 0:
        result.add_error(0, "", gettext_noop("the file contains no data rows"))
    return result


def interval_minutes(rows) -> int:
    """The most frequent step between consecutive times (15 or 60 in practice)."""
    steps = {}
    ordered = sorted(r[1] for r in rows)
    for a, b in zip(ordered, ordered[1:1001], strict=False):
        m = int((b - a).total_seconds() // 60)
        steps[m] = steps.get(m, 0) + 1
    return max(steps, key=steps.get) if steps else 15
