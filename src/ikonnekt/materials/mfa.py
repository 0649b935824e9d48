"""Material-flow analysis on the plain data of a system (the JSON exchange format of ``mfa_io``).

Turns the data of one period and layer into reconciliation variables (unit conversion, substance
and energy layers), runs :func:`reconciliation.reconcile` and prepares the balance table, the
period comparison with stocks carried over and the ECharts Sankey option. No web code.

Layers: goods in t/a (m³ converted with the flow's bulk density), substances C/N/P as
concentration (kg/t) × goods flow, energy in MWh/a (entered directly or heating value × goods).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ikonnekt.materials.reconciliation import (
    ReconciliationError,
    TransferCoefficient,
    Variable,
    raw_balances,
    reconcile,
)

STATUS_LABELS = {
    "redundant": gettext_lazy("measured, redundant (reconciled)"),
    "measured-nonredundant": gettext_lazy("measured, not redundant"),
    "known": gettext_lazy("fixed (no uncertainty)"),
    "observable": gettext_lazy("calculated from the balances"),
    "unobservable": gettext_lazy("not determinable"),
}
SUBSTANCES = {"C": "carbon", "N": "nitrogen", "P": "phosphorus"}
IMPORT, EXPORT = "__import__", "__export__"


def _sigma(entry):
    unc = entry.get("uncertainty")
    value = entry.get("value")
    if unc is None or value is None:
        return None
    return value * unc / 100.0 if entry.get("uncertainty_is_percent", True) else unc


def _goods(entry, flow, errors):
    """Goods value and σ in t/a of a goods-layer entry (m³ → t via bulk density)."""
    value, sigma = entry.get("value"), _sigma(entry)
    unit = entry.get("unit", "t")
    if value is None:
        return None, None
    if unit == "m3":
        density = flow.get("bulk_density")
        if not density:
            errors.append(
                _("Flow “%(f)s”, period %(y)s: a value in m³ needs the flow's bulk density.")
                % {"f": flow["name"], "y": entry["year"]}
            )
            return None, None
        return value * density, None if sigma is None else sigma * density
    if unit != "t":
        errors.append(
            _("Flow “%(f)s”, period %(y)s: unit %(u)s does not fit the goods layer (t or m³).")
            % {"f": flow["name"], "y": entry["year"], "u": unit}
        )
        return None, None
    return value, sigma


def layer_variables(data, year, layer):
    """(variables, processes, transfer coefficients) of one period and layer."""
    errors = []
    processes = [p["name"] for p in data.get("processes", [])]
    entries = {}
    for entry in data.get("values", []):
        if entry.get("year") == year:
            entries[(entry["flow"], entry.get("layer", "goods"))] = entry
    variables, tcs = [], []
    for flow in data.get("flows", []):
        name = flow["name"]
        direct = entries.get((name, layer))
        goods = entries.get((name, "goods"))
        value = sigma = None
        if direct is not None and direct.get("transfer_coefficient") is not None:
            tcs.append(TransferCoefficient(name, float(direct["transfer_coefficient"])))
        elif layer == "goods":
            if direct is not None:
                value, sigma = _goods(direct, flow, errors)
        elif direct is not None and direct.get("value") is not None:
            if direct.get("unit", "t") != ("MWh" if layer == "energy" else "t"):
                errors.append(
                    _("Flow “%(f)s”, period %(y)s: unit %(u)s does not fit the %(l)s layer.")
                    % {"f": name, "y": year, "u": direct.get("unit"), "l": layer}
                )
            value, sigma = direct["value"], _sigma(direct)
        elif goods is not None and goods.get("transfer_coefficient") is None:
            factor = flow.get("heating_value") if layer == "energy" else _concentration(flow, layer)
            if factor is not None:
                g, gs = _goods(goods, flow, errors)
                if g is not None:
                    value = g * factor
                    sigma = None if gs is None else gs * factor
        variables.append(
            Variable(
                id=name,
                source=flow.get("source") or None,
                target=flow.get("target") or None,
                value=value,
                sigma=sigma,
            )
        )
    stocks = {
        (s["process"], s.get("layer", "goods")): s for s in data.get("stocks", []) if s.get("year") == year
    }
    for process in data.get("processes", []):
        if not process.get("has_stock"):
            continue
        s = stocks.get((process["name"], layer))
        variables.append(
            Variable(
                id=stock_id(process["name"]),
                target=process["name"],
                value=None if s is None else float(s["value"]),
                sigma=None if s is None else float(s.get("uncertainty") or 0),
                is_stock=True,
            )
        )
    if errors:
        raise ReconciliationError(errors)
    return variables, processes, tcs


def _concentration(flow, layer):
    conc = flow.get(SUBSTANCES.get(layer, ""))
    return None if conc is None else conc / 1000.0  # kg/t → t/t


def stock_id(process_name):
    return _("Δ stock %(p)s") % {"p": process_name}


def analyse(data, year, layer="goods"):
    """Reconcile one period and layer; returns a plain dict for pages, API and exports."""
    variables, processes, tcs = layer_variables(data, year, layer)
    if not any(v.value is not None for v in variables):
        raise ReconciliationError(_("There are no values for period %(y)s in this layer.") % {"y": year})
    result = reconcile(variables, processes, tcs)
    raw = raw_balances(variables, processes)
    by_id = result.by_id()
    rows = []
    for v in variables:
        r = by_id[v.id]
        rows.append(
            {
                "id": v.id,
                "source": v.source if not v.is_stock else None,
                "target": v.target if not v.is_stock else None,
                "process": v.target if v.is_stock else None,
                "is_stock": v.is_stock,
                "measured": v.value,
                "measured_sigma": v.sigma,
                "value": r.value,
                "sigma": r.sigma,
                "status": r.status,
                "status_label": str(STATUS_LABELS[r.status]),
                "adjustment": r.adjustment,
                "test_statistic": r.test_statistic,
                "flagged": r.flagged,
            }
        )
    balances = []
    for p in processes:
        inflow = sum((row["value"] or 0) for row in rows if not row["is_stock"] and row["target"] == p)
        outflow = sum((row["value"] or 0) for row in rows if not row["is_stock"] and row["source"] == p)
        stock = next((row for row in rows if row["is_stock"] and row["process"] == p), None)
        balances.append(
            {
                "process": p,
                "inflow": inflow,
                "outflow": outflow,
                "stock_change": stock["value"] if stock else 0.0,
                "raw_residual": raw.get(p),
                "residual": result.balances.get(p),
            }
        )
    return {
        "year": year,
        "layer": layer,
        "flows": rows,
        "balances": balances,
        "chi2": result.chi2,
        "dof": result.dof,
        "p_value": result.p_value,
        "accepted": result.accepted,
        "warnings": result.warnings,
    }


def stock_series(data, analyses):
    """Stock per stock-holding process at the end of each analysed period (carried over)."""
    out = {}
    for process in data.get("processes", []):
        if not process.get("has_stock"):
            continue
        level = process.get("initial_stock") or 0.0
        series = []
        for analysis in analyses:
            change = next(
                (b["stock_change"] for b in analysis["balances"] if b["process"] == process["name"]), 0.0
            )
            level += change or 0.0
            series.append({"year": analysis["year"], "stock": level, "change": change})
        out[process["name"]] = series
    return out


def back_edges(edges):
    """Edges ``(source, target)`` that close a cycle, found by depth-first search in input order.

    Removing them leaves a DAG (the edges to a node still on the search path are exactly the ones
    that close a loop; a self-loop is one of them). Sources with no inflow are visited first.
    """
    succ: dict = {}
    indeg: dict = {}
    for a, b in edges:
        succ.setdefault(a, []).append(b)
        succ.setdefault(b, [])
        indeg[b] = indeg.get(b, 0) + 1
        indeg.setdefault(a, 0)
    order = [n for n in succ if indeg[n] == 0] + [n for n in succ if indeg[n] > 0]
    state: dict = {}  # 1 = on the path, 2 = done
    back = set()
    for root in order:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(succ[root]))]
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                back.add((node, nxt))
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(succ[nxt])))
    return back


BACK_FLOW_COLOUR = "#b45309"


def sankey_option(analysis, unit_label):
    """ECharts Sankey option: node per process plus import/export, link width = reconciled value.

    ECharts draws a Sankey only for an acyclic graph and leaves the chart blank otherwise. Loops are
    normal in a circular economy (recycled building material back into the building stock), so a
    flow that closes a loop is drawn into a second node of its target, "<process> (return flow)",
    in its own colour, and its tooltip says where it really goes.
    """
    names = {IMPORT: _("Import (boundary)"), EXPORT: _("Export (boundary)")}
    rows = [
        row
        for row in analysis["flows"]
        if not row["is_stock"] and row["value"] is not None and row["value"] > 0
    ]
    ends = [(row["source"] or IMPORT, row["target"] or EXPORT) for row in rows]
    loops = back_edges(ends)
    nodes, seen = [], set()
    links = []

    def node(name, **extra):
        if name not in seen:
            seen.add(name)
            nodes.append({"name": name, **extra})

    for row, (src, tgt) in zip(rows, ends, strict=True):
        source = names.get(src, src)
        target = names.get(tgt, tgt)
        node(source)
        node(target)
        link = {
            "source": source,
            "target": target,
            "value": round(row["value"], 3),
            "flow": row["id"],
            "sigma": None if row["sigma"] is None else round(row["sigma"], 3),
            "status": row["status"],
            "unit": unit_label,
        }
        if (src, tgt) in loops:
            drawn = _("%(process)s (return flow)") % {"process": target}
            node(drawn, itemStyle={"color": BACK_FLOW_COLOUR})
            link.update(
                target=drawn,
                back_to=target,
                back_flow=True,
                note=_("return flow: closes a loop back into %(process)s") % {"process": target},
                lineStyle={"color": BACK_FLOW_COLOUR, "opacity": 0.5},
            )
        links.append(link)
    return {
        "tooltip": {"trigger": "item"},
        "series": [
            {
                "type": "sankey",
                "data": nodes,
                "links": links,
                "emphasis": {"focus": "adjacency"},
                "lineStyle": {"color": "gradient", "curveness": 0.5},
                "label": {"fontSize": 12},
                "nodeAlign": "justify",
            }
        ],
    }
