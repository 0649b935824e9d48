"""The MFA system page's tables as HTML, written in Python once per request (issue #18).

The view already formats every cell (``views._flow_rows`` and friends); rendering those rows
through template loops (a variable node, a filter and an ``if`` per cell) was still about a
third of the page's time. These functions give the HTML the loops gave, escaped as the
template escaped it.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ikonnekt.materials.scenario_rows import _v

FLAGGED = ' class="table-danger"'


def flow_rows(rows):
    out = []
    for r in rows:
        value = f"<strong>{_v(r['value'])}</strong>{_v(r['sigma'])}" if r["value"] else "–"
        flag = (
            f'<span class="badge text-bg-danger" title="{_v(r["flag_title"])}">{_v(r["flag_label"])}</span>'
            if r["flagged"]
            else ""
        )
        out.append(
            f"<tr{FLAGGED if r['flagged'] else ''}><td>{_v(r['id'])}</td>"
            f'<td class="small">{_v(r["source"])}</td><td class="small">{_v(r["target"])}</td>\n'
            f'<td class="text-end">{_v(r["measured"] or "–")}</td>\n'
            f'<td class="text-end">{value}</td>\n'
            f'<td class="small">{_v(r["status_label"])}</td><td>{flag}</td></tr>'
        )
    return mark_safe("".join(out))


def balance_rows(rows):
    incomplete = f'<span class="text-muted">{escape(_("incomplete"))}</span>'
    return mark_safe(
        "".join(
            f'<tr><td>{_v(b["process"])}</td><td class="text-end">{_v(b["inflow"])}</td>'
            f'<td class="text-end">{_v(b["outflow"])}</td><td class="text-end">{_v(b["stock_change"])}</td>'
            f'<td class="text-end">{incomplete if b["raw_residual"] is None else _v(b["raw_residual"])}</td>'
            f'<td class="text-end">{_v(b["residual"])}</td></tr>'
            for b in rows
        )
    )


def comparison_heads(comparison):
    return mark_safe("".join(f'<th class="text-end">{_v(y)}</th>' for y in comparison["years"]))


def comparison_rows(comparison):
    def cell(c):
        if not c["value"]:
            return '<td class="text-end">–</td>'
        sigma = f' <span class="text-muted small">{_v(c["sigma"])}</span>' if c["sigma"] else ""
        return f'<td class="text-end">{_v(c["value"])}{sigma}</td>'

    return mark_safe(
        "".join(
            f"<tr><td>{_v(row['id'])}</td>{''.join(cell(c) for c in row['cells'])}</tr>"
            for row in comparison["rows"]
        )
    )


def stock_rows(rows):
    return mark_safe(
        "".join(
            f'<tr><td>{_v(s["process"])}</td><td>{_v(s["year"])}</td><td class="text-end">{_v(s["change"])}</td>'
            f'<td class="text-end">{_v(s["stock"])}</td></tr>'
            for s in rows
        )
    )


def process_rows(rows):
    return mark_safe(
        "".join(
            f"<tr><td>{_v(p['name'])}</td><td>{_v(p['parent'])}</td><td>{_v(p['stock'])}</td></tr>"
            for p in rows
        )
    )


def flow_definitions(rows):
    return mark_safe(
        "".join(
            f"<tr><td>{_v(f['name'])}</td><td>{_v(f['bulk_density'])}</td><td>{_v(f['heating_value'])}</td>"
            f"<td>{_v(f['cnp'])}</td><td>{_v(f['roles'])}</td></tr>"
            for f in rows
        )
    )
