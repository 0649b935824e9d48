"""Import and export of criteria catalogues as XLSX and JSON (round trip), and of ratings as XLSX.

Parsing never writes: it returns plain data or raises :class:`ImportFailed` with every problem
located by sheet, row and column, so the caller can show them and nothing is half-imported.
"""

import io
import json
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from ikonnekt.assessment.models import Aggregation, CatalogueKind, Implementer, NodeKind
from ikonnekt.core import tabular
from ikonnekt.reference.sdg import SDG_NUMBERS

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
FORMAT = "ikonnekt-catalogue"
META_SHEET = "Katalog"
NODE_SHEET = "Einträge"
RATING_SHEET = "Bewertung"

# key, German header (written), accepted alternative headers
NODE_COLUMNS = [
    ("code", "Code", ["code", "nr"]),
    ("parent", "Übergeordnet", ["parent", "übergeordneter code"]),
    ("kind", "Typ", ["type", "kind", "art"]),
    ("title", "Titel", ["title", "maßnahme", "name"]),
    ("description", "Beschreibung", ["description"]),
    ("sdgs", "SDG", ["sdgs"]),
    ("implementer", "Umsetzung", ["implementer", "implemented by"]),
    ("indicator", "Indikator", ["indicator"]),
    ("unit", "Einheit", ["unit"]),
    ("target_1", "Zielwert 1", ["target 1"]),
    ("target_2", "Zielwert 2", ["target 2"]),
    ("target_3", "Zielwert 3", ["target 3"]),
    ("level_1", "Stufe 1 durchschnittlich", ["level 1", "stufe 1"]),
    ("level_2", "Stufe 2 fortschrittlich", ["level 2", "stufe 2"]),
    ("level_3", "Stufe 3 ambitioniert", ["level 3", "stufe 3"]),
    ("weight", "Gewicht", ["weight"]),
    ("is_minimum", "Mindestanforderung", ["minimum requirement", "minimum"]),
    ("min_percent", "Mindestprozent", ["minimum percent", "min percent"]),
    ("factsheet", "Steckbrief", ["fact sheet", "factsheet"]),
    ("links", "Links", ["links", "dokumente"]),
]
REQUIRED_NODE_COLUMNS = ("code", "parent", "kind", "title")
META_FIELDS = [
    ("title", "Titel"),
    ("kind", "Art"),
    ("description", "Beschreibung"),
    ("aggregation", "Aggregation"),
    ("threshold_basic", "Schwelle Basis"),
    ("threshold_advanced", "Schwelle fortgeschritten"),
    ("threshold_ambitious", "Schwelle ambitioniert"),
]
KIND_WORDS = {
    "group": NodeKind.GROUP,
    "category": NodeKind.GROUP,
    "kategorie": NodeKind.GROUP,
    "unterkategorie": NodeKind.GROUP,
    "subcategory": NodeKind.GROUP,
    "measure": NodeKind.MEASURE,
    "maßnahme": NodeKind.MEASURE,
    "massnahme": NodeKind.MEASURE,
}
KIND_EXPORT = {NodeKind.GROUP: "Kategorie", NodeKind.MEASURE: "Maßnahme"}
IMPLEMENTER_WORDS = {
    "company": Implementer.COMPANY,
    "unternehmen": Implementer.COMPANY,
    "municipality": Implementer.MUNICIPALITY,
    "kommune": Implementer.MUNICIPALITY,
    "both": Implementer.BOTH,
    "unternehmen + kommune": Implementer.BOTH,
    "kommune + unternehmen": Implementer.BOTH,
    "beide": Implementer.BOTH,
}
IMPLEMENTER_EXPORT = {
    Implementer.COMPANY: "Unternehmen",
    Implementer.MUNICIPALITY: "Kommune",
    Implementer.BOTH: "Unternehmen + Kommune",
}
TRUE_WORDS = {"1", "x", "ja", "yes", "true", "wahr", "j", "y"}
FALSE_WORDS = {"", "0", "nein", "no", "false", "falsch", "n"}


@dataclass
class Problem:
    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self):
        if self.row is not None and self.column:
            return _("Sheet “%(sheet)s”, row %(row)s, column “%(column)s”: %(message)s") % self.__dict__
        if self.row is not None:
            return _("Sheet “%(sheet)s”, row %(row)s: %(message)s") % self.__dict__
        if self.column:
            return _("Sheet “%(sheet)s”, column “%(column)s”: %(message)s") % self.__dict__
        return _("Sheet “%(sheet)s”: %(message)s") % self.__dict__


class ImportFailed(Exception):
    def __init__(self, problems):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = list(problems)


@dataclass
class CatalogueData:
    meta: dict
    nodes: list  # dicts with model field names, "parent" = parent code


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _node_header(name: str) -> str:
    for key, german, _alts in NODE_COLUMNS:
        if key == name:
            return german
    return name


# --- validation shared by XLSX and JSON --------------------------------------------------------


def validate_nodes(rows, sheet: str) -> list:
    """``rows``: [(row_number, {key: raw value})]. Returns cleaned node dicts or raises."""
    problems: list[Problem] = []
    nodes, codes = [], {}

    def bad(row, key, message):
        problems.append(Problem(sheet, row, _node_header(key) if key else None, message))

    for row, raw in rows:
        data = {key: _text(raw.get(key)) for key, _g, _a in NODE_COLUMNS}
        if not any(data.values()):
            continue
        node = {"_row": row}
        code = data["code"]
        if not code:
            bad(row, "code", _("The code is missing."))
        elif code in codes:
            bad(
                row,
                "code",
                _("The code %(code)s is used twice (also in row %(other)s).")
                % {"code": code, "other": codes[code]},
            )
        else:
            codes[code] = row
        node["code"] = code
        node["parent"] = data["parent"] or None
        kind = KIND_WORDS.get(data["kind"].lower())
        if kind is None:
            bad(
                row,
                "kind",
                _("Unknown type “%(value)s”; use Kategorie or Maßnahme.") % {"value": data["kind"]},
            )
        node["kind"] = kind
        if not data["title"]:
            bad(row, "title", _("The title is missing."))
        node["title"] = data["title"][:250]
        sdgs = []
        for part in data["sdgs"].replace(";", ",").replace(" ", ",").split(","):
            part = part.strip()
            if not part:
                continue
            try:
                number = int(float(part))
            except ValueError:
                number = None
            if number not in SDG_NUMBERS:
                bad(row, "sdgs", _("Unknown SDG number “%(value)s” (allowed: 1 to 17).") % {"value": part})
            elif number not in sdgs:
                sdgs.append(number)
        node["sdgs"] = sdgs
        implementer = data["implementer"]
        if implementer:
            value = IMPLEMENTER_WORDS.get(implementer.lower())
            if value is None:
                bad(
                    row,
                    "implementer",
                    _("Unknown implementer “%(value)s”; use Unternehmen, Kommune or Unternehmen + Kommune.")
                    % {"value": implementer},
                )
            implementer = value or ""
        node["implementer"] = implementer
        try:
            weight = Decimal(data["weight"].replace(",", ".")) if data["weight"] else Decimal(1)
            if weight <= 0 or weight > 1000:
                raise InvalidOperation
        except InvalidOperation:
            bad(row, "weight", _("The weight must be a number greater than 0."))
            weight = Decimal(1)
        node["weight"] = weight
        flag = data["is_minimum"].lower()
        if flag not in TRUE_WORDS | FALSE_WORDS:
            bad(row, "is_minimum", _("Use ja or nein."))
        node["is_minimum"] = flag in TRUE_WORDS
        try:
            min_percent = (
                Decimal(data["min_percent"].replace(",", ".").rstrip("%")) if data["min_percent"] else None
            )
            if min_percent is not None and not 0 <= min_percent <= 100:
                raise InvalidOperation
        except InvalidOperation:
            bad(row, "min_percent", _("The minimum percentage must be a number from 0 to 100."))
            min_percent = None
        node["min_percent"] = min_percent
        for key in (
            "description",
            "indicator",
            "unit",
            "target_1",
            "target_2",
            "target_3",
            "level_1",
            "level_2",
            "level_3",
            "factsheet",
            "links",
        ):
            node[key] = data[key]
        node["unit"] = node["unit"][:40]
        for key in ("target_1", "target_2", "target_3"):
            node[key] = node[key][:100]
        nodes.append(node)

    by_code = {n["code"]: n for n in nodes if n["code"]}
    for node in nodes:
        row, parent = node["_row"], node["parent"]
        if parent is None:
            if node["kind"] == NodeKind.MEASURE:
                bad(row, "parent", _("A measure must belong to a category."))
            continue
        if parent not in by_code:
            bad(row, "parent", _("Unknown parent code “%(code)s”.") % {"code": parent})
        elif by_code[parent]["kind"] == NodeKind.MEASURE:
            bad(
                row,
                "parent",
                _("The parent “%(code)s” is a measure; only categories can contain entries.")
                % {"code": parent},
            )
    # cycles: follow the parent chain of every node
    for node in nodes:
        seen, current = {node["code"]}, node
        while current and current["parent"] in by_code:
            current = by_code[current["parent"]]
            if current["code"] in seen:
                bad(
                    node["_row"],
                    "parent",
                    _("The parent chain forms a cycle (%(codes)s).") % {"codes": " → ".join(sorted(seen))},
                )
                break
            seen.add(current["code"])
    if not problems:
        has_measure = set()
        for node in nodes:
            if node["kind"] == NodeKind.MEASURE:
                parent = node["parent"]
                while parent is not None and parent not in has_measure:
                    has_measure.add(parent)
                    parent = by_code[parent]["parent"]
        for node in nodes:
            if node["kind"] == NodeKind.GROUP and node["code"] not in has_measure:
                bad(
                    node["_row"],
                    None,
                    _("The category %(code)s contains no measure.") % {"code": node["code"]},
                )
        if not nodes:
            problems.append(Problem(sheet, None, None, _("The catalogue contains no entries.")))
    if problems:
        raise ImportFailed(problems)
    return nodes


def validate_meta(raw: dict, sheet: str) -> dict:
    problems = []
    meta = {}
    headers = dict(META_FIELDS)
    title = _text(raw.get("title"))
    if not title:
        problems.append(Problem(sheet, None, headers["title"], _("The title is missing.")))
    meta["title"] = title[:200]
    kind = _text(raw.get("kind")) or CatalogueKind.COMMERCIAL
    if kind not in CatalogueKind.values:
        problems.append(
            Problem(
                sheet,
                None,
                headers["kind"],
                _("Unknown kind “%(value)s” (allowed: %(allowed)s).")
                % {"value": kind, "allowed": ", ".join(CatalogueKind.values)},
            )
        )
    meta["kind"] = kind
    meta["description"] = _text(raw.get("description"))
    aggregation = _text(raw.get("aggregation")) or Aggregation.POOLED
    if aggregation not in Aggregation.values:
        problems.append(
            Problem(
                sheet,
                None,
                headers["aggregation"],
                _("Unknown aggregation “%(value)s” (allowed: pooled, mean).") % {"value": aggregation},
            )
        )
    meta["aggregation"] = aggregation
    previous = Decimal(0)
    for key, default in (("threshold_basic", 50), ("threshold_advanced", 70), ("threshold_ambitious", 85)):
        value = _text(raw.get(key))
        try:
            number = Decimal(value.replace(",", ".")) if value else Decimal(default)
            if not 0 <= number <= 100 or number < previous:
                raise InvalidOperation
        except InvalidOperation:
            problems.append(
                Problem(sheet, None, headers[key], _("Thresholds are numbers from 0 to 100 and must rise."))
            )
            number = Decimal(default)
        meta[key] = number
        previous = number
    if problems:
        raise ImportFailed(problems)
    return meta


# --- JSON -------------------------------------------------------------------------------------


def _json_value(value):
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral() else int(value)
    return value


def export_json(catalogue, nodes) -> str:
    by_id = {n.pk: n for n in nodes}
    data = {
        "format": FORMAT,
        "format_version": 1,
        "catalogue": {
            "title": catalogue.title,
            "kind": catalogue.kind,
            "description": catalogue.description,
            "aggregation": catalogue.aggregation,
            "threshold_basic": _json_value(catalogue.threshold_basic),
            "threshold_advanced": _json_value(catalogue.threshold_advanced),
            "threshold_ambitious": _json_value(catalogue.threshold_ambitious),
            "version": catalogue.version,
        },
        "nodes": [
            {
                "code": n.code,
                "parent": by_id[n.parent_id].code if n.parent_id else None,
                "kind": n.kind,
                "title": n.title,
                "description": n.description,
                "sdgs": list(n.sdgs or []),
                "implementer": n.implementer,
                "indicator": n.indicator,
                "unit": n.unit,
                "target_1": n.target_1,
                "target_2": n.target_2,
                "target_3": n.target_3,
                "level_1": n.level_1,
                "level_2": n.level_2,
                "level_3": n.level_3,
                "weight": _json_value(n.weight),
                "is_minimum": n.is_minimum,
                "min_percent": _json_value(n.min_percent),
                "factsheet": n.factsheet,
                "links": n.links,
            }
            for n in nodes
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def parse_json(content: bytes) -> CatalogueData:
    sheet = "JSON"
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImportFailed([Problem(sheet, None, None, _("The file is larger than 5 MB."))])
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFailed(
            [Problem(sheet, None, None, _("This is not valid JSON (%(error)s).") % {"error": exc})]
        ) from exc
    except RecursionError as exc:  # e.g. 100,000 nested lists
        raise ImportFailed(
            [Problem(sheet, None, None, _("The JSON is nested too deeply to be a catalogue."))]
        ) from exc
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("nodes"), list)
        or not isinstance(data.get("catalogue"), dict)
    ):
        raise ImportFailed(
            [Problem(sheet, None, None, _("Expected an object with “catalogue” and “nodes”."))]
        )
    meta = validate_meta(data["catalogue"], sheet)
    rows = []
    for index, item in enumerate(data["nodes"], start=1):
        if not isinstance(item, dict):
            raise ImportFailed([Problem(sheet, index, None, _("Each entry must be an object."))])
        raw = dict(item)
        if isinstance(raw.get("sdgs"), list):
            raw["sdgs"] = ",".join(str(s) for s in raw["sdgs"])
        if isinstance(raw.get("is_minimum"), bool):
            raw["is_minimum"] = "ja" if raw["is_minimum"] else "nein"
        rows.append((index, raw))
    return CatalogueData(meta, validate_nodes(rows, _("entry")))


# --- XLSX -------------------------------------------------------------------------------------


def _check_xlsx(content: bytes, sheet_name: str):
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImportFailed([Problem(sheet_name, None, None, _("The file is larger than 5 MB."))])
    if not content.startswith(b"PK") or not zipfile.is_zipfile(io.BytesIO(content)):
        raise ImportFailed([Problem(sheet_name, None, None, _("This is not an Excel file (.xlsx)."))])
    try:  # archive checks (ZIP bombs) before openpyxl opens it
        return tabular.open_xlsx(content)
    except tabular.TableError as exc:
        raise ImportFailed([Problem(sheet_name, None, None, str(exc))]) from exc


def _sheet_rows(workbook, sheet_name):
    """Rows of a sheet; unsafe XML (DTD) or a broken sheet is an ImportFailed, not a 500."""
    try:
        yield from tabular.sheet_rows(workbook[sheet_name])
    except tabular.TableError as exc:
        raise ImportFailed([Problem(sheet_name, None, None, str(exc))]) from exc


def _header_map(header_row, columns, sheet):
    lookup = {}
    for key, german, alts in columns:
        for name in [german, key, *alts]:
            lookup[name.lower()] = key
    found = {}
    for index, cell in enumerate(header_row):
        name = _text(cell).lower()
        if name in lookup and lookup[name] not in found:
            found[lookup[name]] = index
    return found


def parse_xlsx(content: bytes) -> CatalogueData:
    workbook = _check_xlsx(content, NODE_SHEET)
    if NODE_SHEET not in workbook.sheetnames:
        raise ImportFailed(
            [
                Problem(
                    NODE_SHEET,
                    None,
                    None,
                    _("The sheet is missing (found: %(names)s).") % {"names": ", ".join(workbook.sheetnames)},
                )
            ]
        )
    raw_meta = {}
    if META_SHEET in workbook.sheetnames:
        labels = {german.lower(): key for key, german in META_FIELDS} | {key: key for key, _g in META_FIELDS}
        for row in _sheet_rows(workbook, META_SHEET):
            if row and _text(row[0]).lower() in labels:
                raw_meta[labels[_text(row[0]).lower()]] = row[1] if len(row) > 1 else ""
    meta = validate_meta(raw_meta, META_SHEET)
    rows_iter = _sheet_rows(workbook, NODE_SHEET)
    header = next(rows_iter, None) or ()
    found = _header_map(header, NODE_COLUMNS, NODE_SHEET)
    missing = [_node_header(k) for k in REQUIRED_NODE_COLUMNS if k not in found]
    if missing:
        raise ImportFailed(
            [Problem(NODE_SHEET, 1, name, _("Required column is missing.")) for name in missing]
        )
    rows = []
    for number, row in enumerate(rows_iter, start=2):
        rows.append((number, {key: row[index] if index < len(row) else None for key, index in found.items()}))
    return CatalogueData(meta, validate_nodes(rows, NODE_SHEET))


def export_xlsx(catalogue, nodes) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    by_id = {n.pk: n for n in nodes}
    wb = Workbook()
    meta = wb.active
    meta.title = META_SHEET
    values = {
        "title": catalogue.title,
        "kind": catalogue.kind,
        "description": catalogue.description,
        "aggregation": catalogue.aggregation,
        "threshold_basic": float(catalogue.threshold_basic),
        "threshold_advanced": float(catalogue.threshold_advanced),
        "threshold_ambitious": float(catalogue.threshold_ambitious),
    }
    for key, german in META_FIELDS:
        tabular.xlsx_append(meta, [german, values[key]])
    tabular.xlsx_append(meta, ["Version", catalogue.version])
    meta.column_dimensions["A"].width = 26
    meta.column_dimensions["B"].width = 60
    sheet = wb.create_sheet(NODE_SHEET)
    tabular.xlsx_append(sheet, [german for _k, german, _a in NODE_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for n in nodes:
        tabular.xlsx_append(
            sheet,
            [
                n.code,
                by_id[n.parent_id].code if n.parent_id else "",
                KIND_EXPORT[n.kind],
                n.title,
                n.description,
                ", ".join(str(s) for s in n.sdgs or []),
                IMPLEMENTER_EXPORT.get(n.implementer, ""),
                n.indicator,
                n.unit,
                n.target_1,
                n.target_2,
                n.target_3,
                n.level_1,
                n.level_2,
                n.level_3,
                float(n.weight),
                "ja" if n.is_minimum else "nein",
                float(n.min_percent) if n.min_percent is not None else "",
                n.factsheet,
                n.links,
            ],
        )
    sheet.freeze_panes = "A2"
    for letter, width in (("A", 10), ("B", 12), ("D", 40), ("E", 60), ("H", 50)):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- ratings (assessment XLSX) ------------------------------------------------------------------

RATING_COLUMNS = [
    ("code", "Code", ["code"]),
    ("level", "Stufe", ["level", "erreichte stufe"]),
    ("not_applicable", "Nicht anwendbar", ["not applicable", "n.a."]),
    ("reason", "Begründung", ["reason"]),
    ("status", "Umsetzungsstand", ["status"]),
    ("evidence", "Nachweis", ["evidence"]),
]
STATUS_WORDS = {
    "": "",
    "geplant": "planned",
    "planned": "planned",
    "in umsetzung": "in_progress",
    "in progress": "in_progress",
    "in_progress": "in_progress",
    "umgesetzt": "done",
    "done": "done",
}
STATUS_EXPORT = {"planned": "geplant", "in_progress": "in Umsetzung", "done": "umgesetzt", "": ""}


def parse_ratings_xlsx(content: bytes, measure_codes) -> list[dict]:
    """Rows of the sheet “Bewertung” → ``[{code, level, not_applicable, reason, status, evidence}]``.

    ``measure_codes``: the codes of the measures of the assessment's catalogue version."""
    workbook = _check_xlsx(content, RATING_SHEET)
    if RATING_SHEET not in workbook.sheetnames:
        raise ImportFailed(
            [
                Problem(
                    RATING_SHEET,
                    None,
                    None,
                    _("The sheet is missing (found: %(names)s).") % {"names": ", ".join(workbook.sheetnames)},
                )
            ]
        )
    rows_iter = _sheet_rows(workbook, RATING_SHEET)
    found = _header_map(next(rows_iter, None) or (), RATING_COLUMNS, RATING_SHEET)
    headers = {k: g for k, g, _a in RATING_COLUMNS}
    missing = [headers[k] for k in ("code", "level") if k not in found]
    if missing:
        raise ImportFailed(
            [Problem(RATING_SHEET, 1, name, _("Required column is missing.")) for name in missing]
        )
    problems, result, seen = [], [], {}
    codes = set(measure_codes)
    for number, row in enumerate(rows_iter, start=2):
        data = {key: _text(row[index]) if index < len(row) else "" for key, index in found.items()}
        code = data.get("code", "")
        if not code:
            continue
        if code not in codes:
            problems.append(
                Problem(
                    RATING_SHEET,
                    number,
                    headers["code"],
                    _("%(code)s is not a measure of this catalogue version.") % {"code": code},
                )
            )
            continue
        if code in seen:
            problems.append(
                Problem(
                    RATING_SHEET,
                    number,
                    headers["code"],
                    _("The code %(code)s is used twice (also in row %(other)s).")
                    % {"code": code, "other": seen[code]},
                )
            )
            continue
        seen[code] = number
        na = data.get("not_applicable", "").lower()
        if na not in TRUE_WORDS | FALSE_WORDS:
            problems.append(Problem(RATING_SHEET, number, headers["not_applicable"], _("Use ja or nein.")))
        not_applicable = na in TRUE_WORDS
        level = None
        raw_level = data.get("level", "")
        if raw_level and not not_applicable:
            try:
                level = int(float(raw_level.replace(",", ".")))
                if float(raw_level.replace(",", ".")) != level or not 0 <= level <= 3:
                    raise ValueError
            except ValueError:
                problems.append(
                    Problem(
                        RATING_SHEET,
                        number,
                        headers["level"],
                        _("The level must be 0, 1, 2 or 3 (found “%(value)s”).") % {"value": raw_level},
                    )
                )
        reason = data.get("reason", "")
        if not_applicable and not reason:
            problems.append(
                Problem(
                    RATING_SHEET,
                    number,
                    headers["reason"],
                    _("Give a reason why the measure is not applicable."),
                )
            )
        status = STATUS_WORDS.get(data.get("status", "").lower())
        if status is None:
            problems.append(
                Problem(
                    RATING_SHEET,
                    number,
                    headers["status"],
                    _("Unknown status; use geplant, in Umsetzung or umgesetzt."),
                )
            )
        result.append(
            {
                "code": code,
                "level": level,
                "not_applicable": not_applicable,
                "reason": reason,
                "status": status or "",
                "evidence": data.get("evidence", ""),
            }
        )
    if problems:
        raise ImportFailed(problems)
    return result
