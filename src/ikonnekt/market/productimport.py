"""CSV import of a producer's product list: every row checked first, errors name row and column.

Columns (header row, ``;`` or ``,`` separated, UTF-8):
product, category, variant, unit, size, price, vat_rate, deposit, stock, origin, description,
visibility. UTF-8 or Windows-1252 (as German Excel saves CSV). ``price`` is the gross price in euro (at most two decimals, comma or point);
``stock`` empty = on request.
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from ikonnekt.core import tabular
from ikonnekt.core.sharing import Visibility
from ikonnekt.market.models import ProductCategory, Unit

REQUIRED = ["product", "category", "variant", "unit", "price", "vat_rate"]
COLUMNS = REQUIRED + ["size", "deposit", "stock", "origin", "description", "visibility"]
MAX_ROWS = 5000
CATEGORY_BY_LABEL = {str(label).lower(): key for key, label in ProductCategory.choices}
UNIT_BY_LABEL = {str(label).lower(): key for key, label in Unit.choices}


class ImportErrors(Exception):
    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors


def _decimal(value, places):
    d = Decimal(value.strip().replace(",", "."))
    if not d.is_finite() or d < 0:
        raise InvalidOperation
    if d != d.quantize(Decimal(1).scaleb(-places)):
        raise ValueError
    return d


def parse_products(data: bytes):
    """Validated rows (dicts) or :class:`ImportErrors` listing every problem."""
    text = tabular.decode_text(data)  # UTF-8 or Windows-1252 (German Excel's "CSV")
    if "\x00" in text:
        raise ImportErrors([_("The file is not a CSV text file.")])
    sample = text[:2000]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    lines = tabular.csv_rows(text, delimiter)
    try:
        header = [h.strip().lower() for h in next(lines, [])]
    except tabular.TableError as exc:
        raise ImportErrors([str(exc)]) from exc
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportErrors([_("Missing columns: %(cols)s.") % {"cols": ", ".join(missing)}])
    rows, errors = [], []
    try:
        records = [
            dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False)) for cells in lines
        ]
    except tabular.TableError as exc:
        raise ImportErrors([str(exc)]) from exc
    for no, raw in enumerate(records, start=2):
        if no - 1 > MAX_ROWS:
            errors.append(_("More than %(n)s rows; split the file.") % {"n": MAX_ROWS})
            break
        raw = {k: (v or "").strip() for k, v in raw.items() if k}
        if not any(raw.values()):
            continue

        def err(col, msg, no=no, raw=raw):
            errors.append(
                _("Row %(row)s, column “%(col)s” (“%(value)s”): %(msg)s")
                % {"row": no, "col": col, "value": raw.get(col, ""), "msg": msg}
            )

        row = {"origin": raw.get("origin", ""), "description": raw.get("description", "")}
        for col in ("product", "variant"):
            if not raw.get(col):
                err(col, _("required"))
            elif len(raw[col]) > (200 if col == "product" else 100):
                err(col, _("too long"))
            row[col] = raw.get(col, "")
        cat = raw.get("category", "").lower()
        row["category"] = cat if cat in ProductCategory.values else CATEGORY_BY_LABEL.get(cat)
        if not row["category"]:
            err(
                "category", _("unknown category; use one of %(v)s") % {"v": ", ".join(ProductCategory.values)}
            )
        unit = raw.get("unit", "").lower()
        row["unit"] = unit if unit in Unit.values else UNIT_BY_LABEL.get(unit)
        if not row["unit"]:
            err("unit", _("unknown unit; use one of %(v)s") % {"v": ", ".join(Unit.values)})
        for col, places, default, required in (
            ("price", 2, None, True),
            ("deposit", 2, Decimal("0"), False),
            ("size", 3, Decimal("1"), False),
            ("stock", 3, None, False),
        ):
            value = raw.get(col, "")
            if not value:
                if required:
                    err(col, _("required"))
                row[col] = default
                continue
            try:
                row[col] = _decimal(value, places)
            except ValueError:
                err(col, _("at most %(n)s decimals") % {"n": places})
            except InvalidOperation:
                err(col, _("not a number ≥ 0"))
        vat = raw.get("vat_rate", "").replace("%", "").strip().replace(",", ".")
        if vat in ("7", "7.0", "7.00"):
            row["vat_rate"] = Decimal("7.00")
        elif vat in ("19", "19.0", "19.00"):
            row["vat_rate"] = Decimal("19.00")
        elif vat in ("0", "0.0", "0.00"):
            row["vat_rate"] = Decimal("0.00")
        else:
            err("vat_rate", _("use 7, 19 or 0"))
        visibility = raw.get("visibility", "") or Visibility.PUBLIC
        if visibility not in Visibility.values or visibility == Visibility.COOPERATION:
            err("visibility", _("use private, platform or public"))
        row["visibility"] = visibility
        rows.append(row)
    if errors:
        raise ImportErrors(errors)
    if not rows:
        raise ImportErrors([_("The file contains no product rows.")])
    return rows
