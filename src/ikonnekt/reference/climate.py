"""Import of DWD climate factors (Klimafaktoren) per postcode and their lookup.

The DWD publishes the factors monthly for about 8,200 postcode areas on its open-data server,
``opendata.dwd.de/climate_environment/CDC/derived_germany/techn/monthly/climate_correction_factor/
{recent,historical}/``, one semicolon-separated file per 12-month period named
``KF_<YYYYMMDD start>_<YYYYMMDD end>.csv``, header row without preamble, columns among them ``PLZ``
and ``KF`` (column names may carry blanks; the postcode is written as a number, so postcodes
starting with 0 lose their leading zero). This is how two independent public readers of these files
handle them: earthobservations/wetterdienst (``wetterdienst/provider/dwd/derived/api.py``: file name
pattern, no rows skipped, columns "PLZ" and "KF", names stripped, PLZ compared as an integer) and a
client that strips leading zeros before the lookup. No original file could be opened here, so the
importer reads the header by name, and the order and the other columns do not matter:

    postcode         PLZ, Postleitzahl (4 digits are padded with a leading 0)
    factor           KF, Klimafaktor
    period start     Datum von, DatumVon, Zeitraum von, von, Beginn   } optional: without them the
    period end       Datum bis, DatumBis, Zeitraum bis, bis, Ende     } period comes from the file name
    reference place  Ort, Bezugsort, Station (optional)

Dates as YYYYMMDD, YYYY-MM-DD or DD.MM.YYYY; decimal comma or point. A file without PLZ or KF, or
without a period (neither date columns nor a KF_…_….csv name), is refused with a message naming
the missing column, never half-read.
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


FILE_NAME = re.compile(r"KF_(\d{8})_(\d{8})", re.IGNORECASE)


def period_from_name(name: str):
    """(start, end) from a DWD file name KF_YYYYMMDD_YYYYMMDD.csv, or None."""
    match = FILE_NAME.search(name or "")
    if not match:
        return None
    try:
        return _date(match.group(1)), _date(match.group(2))
    except ValueError:
        return None


def parse(text: str, name: str = "") -> list[dict]:
    """Rows of a DWD climate-factor file; raises ClimateFileError (German, with row and column)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ClimateFileError(_("The file is empty."))
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=";")
    header = [h.strip().lstrip("#").strip().lower() for h in next(reader)]
    index = {}
    file_period = period_from_name(name)
    for key, names in COLUMNS.items():
        found = [i for i, h in enumerate(header) if h in names]
        if found:
            index[key] = found[0]
        elif key == "place" or (key in ("start", "end") and file_period):
            continue
        else:
            raise ClimateFileError(
                _("Column “%(column)s” is missing in the header row.") % {"column": COLUMN_LABELS[key]}
            )
    rows = []
    for number, cells in enumerate(reader, start=2):
        cells = [c.strip() for c in cells]
        if len(cells) <= max(index.values()):
            raise ClimateFileError(_("Row %(row)s has too few columns.") % {"row": number})
        postcode = cells[index["postcode"]]
        if re.fullmatch(r"\d{4}", postcode):
            postcode = "0" + postcode  # written as a number: the leading zero of 0xxxx is lost
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
            if key not in index:
                dates[key] = file_period[0 if key == "start" else 1]
                continue
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
    rows = parse(text, name)
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
