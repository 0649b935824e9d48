"""The AVV / European List of Waste code list: reading the shipped CSV and code lookups."""

import csv
import io
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DATA_FILE = Path(__file__).parent / "data" / "avv.csv"
LEVELS = {2: "chapter", 4: "group", 6: "entry"}


def normalise_code(text: str) -> str:
    """'17 05 04*' / '17-05-04' / '170504' → '170504' (the * is a property of the code)."""
    return re.sub(r"[\s\-.*]", "", text or "")


def read_codes(text: str):
    """Rows ``(code, title, level, hazardous)`` of a code-list CSV (lines starting with # are comments)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows = []
    for no, row in enumerate(csv.DictReader(io.StringIO("\n".join(lines))), start=2):
        code = normalise_code(row.get("code", ""))
        if not code.isdigit() or len(code) not in LEVELS:
            raise ValueError(f"line {no}: invalid code {row.get('code')!r}")
        rows.append(
            (code, row["title"].strip(), LEVELS[len(code)], row.get("hazardous", "0").strip() in ("1", "*"))
        )
    return rows


def load_codes(model, text: str | None = None) -> int:
    """Create or update the code list (used by the data migration and ``import_avv``)."""
    rows = read_codes(text if text is not None else DATA_FILE.read_text(encoding="utf-8"))
    for code, title, level, hazardous in rows:
        model.objects.update_or_create(
            code=code, defaults={"title": title, "level": level, "hazardous": hazardous}
        )
    return len(rows)


def resolve_entry(text: str):
    """The 6-digit entry for user input, or a ValidationError in German naming the problem."""
    from ikonnekt.market.models import WasteCode

    code = normalise_code(text)
    if not code.isdigit() or len(code) != 6:
        raise ValidationError(_("“%(code)s” is not a 6-digit AVV code (e.g. 17 05 04).") % {"code": text})
    try:
        return WasteCode.objects.get(code=code, level="entry")
    except WasteCode.DoesNotExist:
        raise ValidationError(_("The AVV code %(code)s is unknown.") % {"code": text}) from None
