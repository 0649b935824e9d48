"""Import of DWD climate factors (Klimafaktoren) per postcode and their lookup.

The DWD publishes the factors monthly for about 8,200 postcode areas as a semicolon-separated text
file, one row per postcode and 12-month period, with a header row. The importer reads the header
by name, so the order of the columns does not matter. Recognised column names (case-insensitive):

    postcode         PLZ, Postleitzahl
    factor           KF, Klimafaktor
    period start     Datum von, DatumVon, Zeitraum von, von, Beginn
    period end       Datum bis, DatumBis, Zeitraum bis, bis, Ende
    reference place  Ort, Bezugsort, Station (optional)

Dates as YYYYMMDD, YYYY-MM-DD or DD.MM.YYYY; decimal comma or point. The exact header of the
current DWD files could not be checked against an original file while this was written; a file
with other column names is refused with a message naming the missing column, never half-read.
"""

import csv
import datetime as dt
import io
import re

from django.db import transaction
from django.utils.translation import gettext as _

from ikonnekt.reference.models import ClimateFactor

COLUMNS = {
    "postcode": {"plz", "postleitzahl"},
    "factor": {"kf", "klimafaktor"},
    "start": {"datum von", "datumvon", "zeitraum von", "von", "beginn", "datum_von", "zeitraum_von"},
    "end": {"datum bis", "datumbis", "zeitraum bis", "bis", "ende", "datum_bis", "zeitraum_bis"},
    "place": {"ort", "bezugsort", "station"},
}
COLUMN_LABELS = {"postcode": "PLZ", "factor": "KF", "start": "Datum von", "end": "Datum bis"}


class ClimateFileError(ValueError):
    """A German message naming the row and column."""


def _date(text):
    text = text.strip()
    for fmt in ("%Y%m%d", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse(text: str) -> list[dict]:
    """Rows of a DWD climate-factor file; raises ClimateFileError (German, with row and column)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ClimateFileError(_("The file is empty."))
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=";")
    header = [h.strip().lower() for h in next(reader)]
    index = {}
    for key, names in COLUMNS.items():
        found = [i for i, h in enumerate(header) if h in names]
        if found:
            index[key] = found[0]
        elif key != "place":
            raise ClimateFileError(
                _("Column “%(column)s” is missing in the header row.") % {"column": COLUMN_LABELS[key]}
            )
    rows = []
    for number, cells in enumerate(reader, start=2):
        cells = [c.strip() for c in cells]
        if len(cells) <= max(index.values()):
            raise ClimateFileError(_("Row %(row)s has too few columns.") % {"row": number})
        postcode = cells[index["postcode"]]
        if not re.fullmatch(r"\d{5}", postcode):
            raise ClimateFileError(
                _("Row %(row)s, column PLZ: “%(value)s” is not a five-digit postcode.")
                % {"row": number, "value": postcode}
            )
        try:
            factor = float(cells[index["factor"]].replace(",", "."))
        except ValueError:
            raise ClimateFileError(
                _("Row %(row)s, column KF: “%(value)s” is not a number.")
                % {"row": number, "value": cells[index["factor"]]}
            ) from None
        if not 0.3 <= factor <= 3:
            raise ClimateFileError(
                _("Row %(row)s, column KF: %(value)s is not a plausible climate factor (0.3–3).")
                % {"row": number, "value": cells[index["factor"]]}
            )
        dates = {}
        for key in ("start", "end"):
            try:
                dates[key] = _date(cells[index[key]])
            except ValueError:
                raise ClimateFileError(
                    _("Row %(row)s, column %(column)s: “%(value)s” is not a date.")
                    % {"row": number, "column": COLUMN_LABELS[key], "value": cells[index[key]]}
                ) from None
        if dates["end"] < dates["start"]:
            raise ClimateFileError(_("Row %(row)s: the period ends before it starts.") % {"row": number})
        rows.append(
            {
                "postcode": postcode,
                "valid_from": dates["start"],
                "valid_to": dates["end"],
                "factor": factor,
                "reference_place": cells[index["place"]] if "place" in index else "",
            }
        )
    return rows


@transaction.atomic
def import_file(raw: bytes, name: str = "") -> int:
    """Store every row of the file (all or nothing); existing postcode+period rows are replaced."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    rows = parse(text)
    for row in rows:
        ClimateFactor.objects.update_or_create(
            postcode=row["postcode"],
            valid_from=row["valid_from"],
            valid_to=row["valid_to"],
            defaults={"factor": row["factor"], "reference_place": row["reference_place"], "source": name},
        )
    return len(rows)


def factor_for_year(postcode: str, year: int) -> ClimateFactor | None:
    """The factor of the calendar year (period 1 January – 31 December) for the postcode."""
    if not postcode:
        return None
    return ClimateFactor.objects.filter(
        postcode=postcode, valid_from=dt.date(year, 1, 1), valid_to=dt.date(year, 12, 31)
    ).first()
