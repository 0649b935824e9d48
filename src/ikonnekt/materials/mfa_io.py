"""Import/export of material-flow systems: JSON and STAN-like XLSX sheets (plain functions).

One exchange format (a dict) serves JSON, XLSX, the analysis functions and the demo:
``{"name", "description", "boundary", "first_year", "last_year", "processes": [...],
"flows": [...], "values": [...], "stocks": [...]}``.
"""

import io

from django.utils.translation import gettext as _

from ikonnekt.core import tabular
from ikonnekt.core.prepared import Rows

PROCESS_COLUMNS = ["name", "parent", "has_stock", "initial_stock"]
FLOW_COLUMNS = [
    "name",
    "source",
    "target",
    "bulk_density",
    "heating_value",
    "carbon",
    "nitrogen",
    "phosphorus",
    "waste_role",
    "input_role",
]
NUMERIC_FLOW_COLUMNS = FLOW_COLUMNS[3:8]
ROLES = {"waste_role": {"", "waste", "recycled"}, "input_role": {"", "primary", "secondary"}}
VALUE_COLUMNS = [
    "flow", "year", "layer", "value", "unit", "uncertainty", "uncertainty_is_percent",
    "transfer_coefficient", "source", "quality",
]  # fmt: skip
STOCK_COLUMNS = ["process", "year", "layer", "value", "uncertainty", "source"]
SHEETS = {
    "processes": PROCESS_COLUMNS,
    "flows": FLOW_COLUMNS,
    "values": VALUE_COLUMNS,
    "stocks": STOCK_COLUMNS,
}
LAYERS = {"goods", "C", "N", "P", "energy"}
UNITS = {"t", "m3", "MWh"}
QUALITIES = {"measured", "calculated", "estimated", "literature"}
MAX_ROWS = 20000


class ImportError_(ValueError):
    def __init__(self, messages):
        self.messages = list(messages)
        super().__init__("; ".join(self.messages))


# The system's rows, the SQL compiled once (core.prepared): the system itself is read through
# the read rule by the caller; these are the lists below it.
def _process_rows(system_id):
    from ikonnekt.materials.models import Process

    return (
        Process.objects.filter(system_id=system_id)
        .order_by("pk")
        .values_list("pk", "name", "parent_id", "has_stock", "initial_stock")
    )


def _flow_rows(system_id):
    from ikonnekt.materials.models import Flow

    return (
        Flow.objects.filter(system_id=system_id)
        .order_by("pk")
        .values_list("pk", "name", "source_id", "target_id", *FLOW_COLUMNS[3:])
    )


def _value_rows(system_id):
    from ikonnekt.materials.models import FlowValue

    return (
        FlowValue.objects.filter(flow__system_id=system_id)
        .order_by("flow_id", "year", "layer", "pk")
        .values_list("flow_id", *VALUE_COLUMNS[1:])
    )


def _stock_rows(system_id):
    from ikonnekt.materials.models import StockChange

    return (
        StockChange.objects.filter(process__system_id=system_id)
        .order_by("process_id", "year", "pk")
        .values_list("process_id", *STOCK_COLUMNS[1:])
    )


_processes, _flows, _values, _stocks = (
    Rows(build) for build in (_process_rows, _flow_rows, _value_rows, _stock_rows)
)


def system_to_dict(system) -> dict:
    """The exchange dict of ``system``: four flat row queries (no model instances)."""
    processes = _processes(system.pk)
    process_names = {pk: name for pk, name, *_rest in processes}
    flows = _flows(system.pk)
    flow_names = {row[0]: row[1] for row in flows}
    value_fields = VALUE_COLUMNS[1:]
    stock_fields = STOCK_COLUMNS[1:]
    return {
        "format": "ikonnekt-mfa/1",
        "name": system.name,
        "description": system.description,
        "boundary": system.boundary,
        "first_year": system.first_year,
        "last_year": system.last_year,
        "processes": [
            {
                "name": name,
                "parent": process_names.get(parent_id) if parent_id else None,
                "has_stock": has_stock,
                "initial_stock": initial_stock,
            }
            for _pk, name, parent_id, has_stock, initial_stock in processes
        ],
        "flows": [
            {
                "name": row[1],
                "source": process_names.get(row[2]) if row[2] else None,
                "target": process_names.get(row[3]) if row[3] else None,
                **dict(zip(FLOW_COLUMNS[3:], row[4:], strict=True)),
            }
            for row in flows
        ],
        "values": [
            {"flow": flow_names[row[0]], **dict(zip(value_fields, row[1:], strict=True))}
            for row in (_values(system.pk) if flows else ())
        ],
        "stocks": [
            {"process": process_names[row[0]], **dict(zip(stock_fields, row[1:], strict=True))}
            for row in (_stocks(system.pk) if processes else ())
        ],
    }


def _num(value, where, errors, *, required=False, minimum=None, maximum=None, integer=False):
    if value is None or value == "":
        if required:
            errors.append(_("%(w)s: a value is required.") % {"w": where})
        return None
    if isinstance(value, bool):
        errors.append(_("%(w)s: “%(v)s” is not a number.") % {"w": where, "v": value})
        return None
    try:
        number = float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        errors.append(_("%(w)s: “%(v)s” is not a number.") % {"w": where, "v": value})
        return None
    if number != number:
        errors.append(_("%(w)s: “%(v)s” is not a number.") % {"w": where, "v": value})
        return None
    if minimum is not None and number < minimum:
        errors.append(_("%(w)s: must not be below %(m)s.") % {"w": where, "m": minimum})
    if maximum is not None and number > maximum:
        errors.append(_("%(w)s: must not be above %(m)s.") % {"w": where, "m": maximum})
    return int(number) if integer else number


def _bool(value):
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "ja", "wahr", "x")
    return bool(value)


def _text(value):
    return "" if value is None else str(value).strip()


def validate(data) -> dict:
    """Check and normalise an exchange dict; raises ``ImportError_`` naming sheet, row and column."""
    errors = []
    if not isinstance(data, dict):
        raise ImportError_([_("The file does not contain a material-flow system.")])
    clean = {
        "name": _text(data.get("name"))[:200],
        "description": _text(data.get("description")),
        "boundary": _text(data.get("boundary"))[:300],
    }
    if not clean["name"]:
        errors.append(_("The system needs a name."))
    sheets = {}
    for key in SHEETS:
        rows = data.get(key) or []
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            errors.append(_("“%(s)s” must be a list of rows.") % {"s": key})
            rows = []
        if len(rows) > MAX_ROWS:
            errors.append(_("“%(s)s” has more than %(n)s rows.") % {"s": key, "n": MAX_ROWS})
            rows = []
        sheets[key] = rows
    processes, names = [], set()
    for i, row in enumerate(sheets["processes"], start=2):
        name = _text(row.get("name"))[:120]
        where = _("Sheet processes, row %(r)s") % {"r": i}
        if not name:
            errors.append(_("%(w)s, column name: a name is required.") % {"w": where})
            continue
        if name in names:
            errors.append(_("%(w)s: process “%(n)s” appears twice.") % {"w": where, "n": name})
        names.add(name)
        processes.append(
            {
                "name": name,
                "parent": _text(row.get("parent")) or None,
                "has_stock": _bool(row.get("has_stock")),
                "initial_stock": _num(row.get("initial_stock"), where + ", initial_stock", errors, minimum=0),
            }
        )
    for p in processes:
        if p["parent"] and p["parent"] not in names:
            errors.append(
                _("Process “%(n)s”: unknown parent process “%(p)s”.") % {"n": p["name"], "p": p["parent"]}
            )
    flows, flow_names = [], set()
    for i, row in enumerate(sheets["flows"], start=2):
        where = _("Sheet flows, row %(r)s") % {"r": i}
        name = _text(row.get("name"))[:120]
        if not name:
            errors.append(_("%(w)s, column name: a name is required.") % {"w": where})
            continue
        if name in flow_names:
            errors.append(_("%(w)s: flow “%(n)s” appears twice.") % {"w": where, "n": name})
        flow_names.add(name)
        flow = {"name": name}
        for end in ("source", "target"):
            proc = _text(row.get(end)) or None
            if proc and proc not in names:
                errors.append(
                    _("%(w)s, column %(c)s: unknown process “%(p)s”.") % {"w": where, "c": end, "p": proc}
                )
            flow[end] = proc
        if not flow["source"] and not flow["target"]:
            errors.append(_("%(w)s: a flow needs a source or a target process.") % {"w": where})
        for col in NUMERIC_FLOW_COLUMNS:
            flow[col] = _num(row.get(col), f"{where}, {col}", errors, minimum=0)
        for col, allowed in ROLES.items():
            role = _text(row.get(col)).lower()
            if role not in allowed:
                errors.append(
                    _("%(w)s, column %(c)s: “%(v)s” is none of %(choices)s.")
                    % {"w": where, "c": col, "v": role, "choices": ", ".join(sorted(allowed - {""}))}
                )
                role = ""
            flow[col] = role
        flows.append(flow)
    values, seen = [], set()
    for i, row in enumerate(sheets["values"], start=2):
        where = _("Sheet values, row %(r)s") % {"r": i}
        flow = _text(row.get("flow"))
        if flow not in flow_names:
            errors.append(_("%(w)s, column flow: unknown flow “%(f)s”.") % {"w": where, "f": flow})
        year = _num(
            row.get("year"), where + ", year", errors, required=True, minimum=1900, maximum=2200, integer=True
        )
        layer = _text(row.get("layer")) or "goods"
        if layer not in LAYERS:
            errors.append(_("%(w)s, column layer: unknown layer “%(l)s”.") % {"w": where, "l": layer})
        unit = _text(row.get("unit")) or ("MWh" if layer == "energy" else "t")
        if unit not in UNITS:
            errors.append(
                _("%(w)s, column unit: unknown unit “%(u)s” (t, m3, MWh).") % {"w": where, "u": unit}
            )
        quality = _text(row.get("quality")) or "measured"
        if quality not in QUALITIES:
            errors.append(
                _("%(w)s, column quality: unknown data quality “%(q)s”.") % {"w": where, "q": quality}
            )
        entry = {
            "flow": flow,
            "year": year,
            "layer": layer,
            "value": _num(row.get("value"), where + ", value", errors, minimum=0),
            "unit": unit,
            "uncertainty": _num(row.get("uncertainty"), where + ", uncertainty", errors, minimum=0),
            "uncertainty_is_percent": True
            if row.get("uncertainty_is_percent") in (None, "")
            else _bool(row.get("uncertainty_is_percent")),
            "transfer_coefficient": _num(
                row.get("transfer_coefficient"),
                where + ", transfer_coefficient",
                errors,
                minimum=0,
                maximum=1,
            ),
            "source": _text(row.get("source"))[:300],
            "quality": quality,
        }
        if entry["value"] is None and entry["transfer_coefficient"] is None:
            errors.append(_("%(w)s: give a value or a transfer coefficient.") % {"w": where})
        key = (flow, year, layer)
        if key in seen:
            errors.append(
                _("%(w)s: flow “%(f)s” has two values for %(y)s/%(l)s.")
                % {"w": where, "f": flow, "y": year, "l": layer}
            )
        seen.add(key)
        values.append(entry)
    stocks = []
    for i, row in enumerate(sheets["stocks"], start=2):
        where = _("Sheet stocks, row %(r)s") % {"r": i}
        process = _text(row.get("process"))
        if process not in names:
            errors.append(_("%(w)s, column process: unknown process “%(p)s”.") % {"w": where, "p": process})
        stocks.append(
            {
                "process": process,
                "year": _num(
                    row.get("year"),
                    where + ", year",
                    errors,
                    required=True,
                    minimum=1900,
                    maximum=2200,
                    integer=True,
                ),
                "layer": _text(row.get("layer")) or "goods",
                "value": _num(row.get("value"), where + ", value", errors, required=True),
                "uncertainty": _num(row.get("uncertainty"), where + ", uncertainty", errors, minimum=0)
                or 0.0,
                "source": _text(row.get("source"))[:300],
            }
        )
    years = [v["year"] for v in values if v["year"]] + [s["year"] for s in stocks if s["year"]]
    first = _num(data.get("first_year"), "first_year", errors, integer=True, minimum=1900, maximum=2200) or (
        min(years) if years else 2024
    )
    last = _num(data.get("last_year"), "last_year", errors, integer=True, minimum=1900, maximum=2200) or (
        max(years) if years else first
    )
    if last < first:
        errors.append(_("The last period lies before the first."))
    if errors:
        raise ImportError_(errors)
    clean.update(
        first_year=first, last_year=last, processes=processes, flows=flows, values=values, stocks=stocks
    )
    return clean


def to_xlsx(data) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "system"
    for key in ("name", "description", "boundary", "first_year", "last_year"):
        tabular.xlsx_append(ws, [key, data.get(key)])
    for sheet, columns in SHEETS.items():
        ws = wb.create_sheet(sheet)
        tabular.xlsx_append(ws, columns)
        for row in data.get(sheet, []):
            tabular.xlsx_append(ws, [row.get(c) for c in columns])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def from_xlsx(content: bytes) -> dict:
    try:  # archive checks (ZIP bombs), DTDs refused, broken sheets: a message, not a 500
        wb = tabular.open_xlsx(content)
        data = {}
        if "system" in wb.sheetnames:
            for row in tabular.sheet_rows(wb["system"]):
                if row and row[0]:
                    data[str(row[0])] = row[1] if len(row) > 1 else None
        missing = [s for s in ("processes", "flows", "values") if s not in wb.sheetnames]
        if missing:
            raise ImportError_([_("The workbook lacks the sheets: %(s)s.") % {"s": ", ".join(missing)}])
        for sheet in SHEETS:
            if sheet not in wb.sheetnames:
                data[sheet] = []
                continue
            rows = tabular.sheet_rows(wb[sheet])
            header = [str(c).strip() if c is not None else "" for c in next(rows, [])]
            data[sheet] = [
                dict(zip(header, r, strict=False)) for r in rows if r and any(c not in (None, "") for c in r)
            ]
    except tabular.TableError as exc:
        raise ImportError_([str(exc)]) from exc
    return data
