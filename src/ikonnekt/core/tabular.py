"""Reading and writing CSV and XLSX: the one place that knows the pitfalls of spreadsheets.

Writing (every export goes through here):

- text cells starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return are neutralised
  (OWASP "CSV injection"): in CSV they get a leading apostrophe, in XLSX they are stored as text with
  Excel's quote prefix (what Excel itself does when a user types ``'=...``), never as a formula;
- CSV in German uses a semicolon and a decimal comma (what German Excel expects), otherwise a comma
  and a decimal point; a UTF-8 byte order mark lets Excel recognise the encoding;
- XLSX numbers are typed number cells with a number format (decimals ``#,##0.00``, whole numbers
  ``0`` unless a column asks for ``#,##0``), dates are date cells; Excel shows the separators of
  the reader's language.

Reading (imports): text is decoded as UTF-8 or Windows-1252 (German Excel's "CSV" format), CSV
fields over the csv module's 128 KB limit and XLSX files with a DTD or a ZIP bomb answer a
:class:`TableError` with a German message instead of a server error.
"""

import csv
import datetime as dt
import io
from decimal import Decimal
from itertools import islice
from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.translation import gettext as _

from ikonnekt.core import archives

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BERLIN = ZoneInfo("Europe/Berlin")
INT_FORMAT = "#,##0"  # quantities such as kWh: pass it in ``formats``
DECIMAL_FORMAT = "#,##0.00"
DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"


# --- writing ------------------------------------------------------------------------------------


def neutralise(text: str) -> str:
    """``text`` that no spreadsheet will run as a formula (a leading apostrophe where needed)."""
    if text and text.startswith(DANGEROUS_PREFIXES):
        return "'" + text
    return text


def is_german(language: str | None = None) -> bool:
    return (language or translation.get_language() or "de").lower().startswith("de")


def csv_cell(value, *, decimal_comma: bool) -> str:
    """One CSV cell: numbers with the language's decimal mark (no thousands separator, so Excel
    reads them as numbers), dates in ISO 8601, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        text = format(value, "f") if isinstance(value, Decimal) else repr(value)
        if isinstance(value, float) and ("e" in text or "inf" in text or "nan" in text):
            text = format(value, ".15g")
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(BERLIN)
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise(str(value))


class CsvWriter:
    """A CSV writer for exports: ``writerow`` / ``writerows`` of Python values.

    ``out`` is any object with ``write(str)`` (a ``StringIO``, an ``HttpResponse``, an echo
    buffer for streaming). With ``bom=True`` the UTF-8 byte order mark is written first."""

    def __init__(self, out, *, language: str | None = None, bom: bool = True):
        german = is_german(language)
        self.delimiter = ";" if german else ","
        self.decimal_comma = german
        self._out = out
        self._writer = csv.writer(out, delimiter=self.delimiter, lineterminator="\r\n")
        if bom:
            out.write("\ufeff")

    def row(self, values) -> list[str]:
        return [csv_cell(v, decimal_comma=self.decimal_comma) for v in values]

    def writerow(self, values):
        return self._writer.writerow(self.row(values))

    def writerows(self, rows):
        for values in rows:
            self.writerow(values)


class _Echo:
    def write(self, value):
        return value


def csv_lines(rows, *, language: str | None = None, bom: bool = True):
    """Lines of CSV for a ``StreamingHttpResponse``: a generator over ``rows``."""
    echo = _Echo()
    writer = CsvWriter(echo, language=language, bom=False)
    if bom:
        yield "\ufeff"
    for values in rows:
        yield writer._writer.writerow(writer.row(values))


def csv_text(rows, *, language: str | None = None, bom: bool = True) -> str:
    buf = io.StringIO()
    CsvWriter(buf, language=language, bom=bom).writerows(rows)
    return buf.getvalue()


def xlsx_set(cell, value, number_format: str | None = None):
    """Put ``value`` into an openpyxl cell as a typed cell; text is never a formula."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(BERLIN).replace(tzinfo=None)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # openpyxl would store a text starting with "=" as a formula
        if value.startswith(DANGEROUS_PREFIXES):
            cell.quotePrefix = True
        return cell
    if isinstance(value, Decimal):
        value = float(value)
    cell.value = value
    if number_format:
        cell.number_format = number_format
    elif isinstance(value, bool):
        pass
    elif isinstance(value, int):
        cell.number_format = "0"  # years and codes must not get a thousands separator
    elif isinstance(value, float):
        cell.number_format = DECIMAL_FORMAT
    elif isinstance(value, dt.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    return cell


def xlsx_append(ws, values, *, formats: dict | None = None, font=None) -> list:
    """Append one row of typed cells to worksheet ``ws`` (instead of ``ws.append``, which stores a
    text starting with ``=`` as a formula); ``formats`` maps 0-based column to a number format.
    Returns the cells."""
    values = list(values)
    ws.append([None] * len(values) if values else [None])
    row = ws.max_row
    cells = []
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col)
        xlsx_set(cell, value, (formats or {}).get(col - 1))
        if font is not None:
            cell.font = font
        cells.append(cell)
    return cells


def xlsx_sheet(wb, title: str, header, rows, *, formats: dict | None = None, widths: dict | None = None):
    """A new worksheet with a bold header row and typed cells; ``widths`` maps column letters to
    widths."""
    from openpyxl.styles import Font

    ws = wb.create_sheet(str(title)[:31])
    xlsx_append(ws, header, font=Font(bold=True))
    for values in rows:
        xlsx_append(ws, values, formats=formats)
    for letter, width in (widths or {}).items():
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    return ws


def new_workbook():
    """An empty openpyxl workbook (first sheet kept)."""
    from openpyxl import Workbook

    return Workbook()


def workbook_bytes(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- reading ------------------------------------------------------------------------------------


class TableError(ValueError):
    """A table that cannot be read; ``str()`` is the German message for the user."""


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, as German Excel writes "CSV"."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv_error(exc: csv.Error, reader) -> TableError:
    if "field limit" in str(exc):
        return TableError(
            _("Row %(row)s: a field is longer than 128 KB; the file cannot be imported.")
            % {"row": reader.line_num}
        )
    return TableError(
        _("Row %(row)s cannot be read as CSV (%(error)s).") % {"row": reader.line_num, "error": exc}
    )


def csv_rows(text: str, delimiter: str):
    """The rows of a CSV text; an over-long field or a broken quote is a :class:`TableError`
    naming the row instead of a server error."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _csv_error(exc, reader) from exc
        yield row


def csv_blocks(text: str, delimiter: str, size: int):
    """The rows of a CSV text in lists of up to ``size`` rows (for long files: no generator
    step per row, and only one block of rows held at a time); errors as :func:`csv_rows`."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    while True:
        try:
            block = list(islice(reader, size))
        except csv.Error as exc:
            raise _csv_error(exc, reader) from exc
        if not block:
            return
        yield block


def open_xlsx(data: bytes):
    """An openpyxl workbook (read-only, values) after the archive checks."""
    if not archives.is_zip(data):
        raise TableError(_("This is not a readable Excel workbook (XLSX)."))
    try:
        archives.check_archive(data, archives.SPREADSHEET)
    except archives.ArchiveRejected as exc:
        raise TableError(str(exc)) from exc
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken or unsafe files
        raise TableError(
            _("The Excel file cannot be read (%(error)s).") % {"error": _xlsx_reason(exc)}
        ) from exc


def _xlsx_reason(exc: Exception) -> str:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException

    if isinstance(exc, DefusedXmlException | ParseError):
        return _("its XML is damaged or contains a DTD or entities, which are refused for safety")
    return type(exc).__name__


def sheet_rows(ws):
    """The value rows of an openpyxl read-only worksheet; unsafe XML (DTD, entities) or a broken
    sheet is a :class:`TableError` (openpyxl parses the sheet only while rows are read)."""
    rows = ws.iter_rows(values_only=True)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as exc:
            raise TableError(
                _("The Excel file cannot be read (%(error)s).") % {"error": _xlsx_reason(exc)}
            ) from exc
        yield row


def xlsx_rows(data: bytes, sheet: int = 0):
    """Rows of one sheet of an XLSX upload, all checks included."""
    wb = open_xlsx(data)
    try:
        try:
            ws = wb.worksheets[sheet]
        except IndexError as exc:
            raise TableError(_("The Excel file has no worksheet.")) from exc
        yield from sheet_rows(ws)
    finally:
        wb.close()
