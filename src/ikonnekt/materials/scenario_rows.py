"""The green-waste scenario page's tables, written in Python once per request (issue #18).

The page printed ~120 numbers through the ``floatformat`` filter, a delete URL, a csrf token and
two translations per collection point and plant, and ``widthratio`` per municipality: most of its
time. These functions give the same HTML (escaped as the template escaped it), reading the
separators, the translations, the csrf input and the URL pattern once per table.
"""

from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ikonnekt.core.links import row_url
from ikonnekt.core.numformat import floatformat, separators
from ikonnekt.core.subbar import csrf_input


def _v(value):
    """``{{ value }}`` in a template: localised and escaped."""
    return conditional_escape(localize(value))


def _display(model, field):
    """{value: label} of a choices field: ``get_FOO_display`` without its per-call hashing."""
    choices = {key: str(label) for key, label in model._meta.get_field(field).flatchoices}
    return lambda value: choices.get(value, value)


def widthratio(value, max_value, max_width=1):
    """The ``{% widthratio %}`` tag's text."""
    try:
        return str(round((float(value) / float(max_value)) * max_width))
    except ZeroDivisionError:
        return "0"
    except (ValueError, TypeError, OverflowError):
        return ""


def _delete_form(request, url_name, scenario_pk, confirm):
    """(pk -> the delete URL, the form's HTML after the action attribute)."""
    url = row_url(url_name, scenario_pk)
    csrf = csrf_input(request)
    tail = (
        f'">{csrf}<button class="btn btn-sm btn-link text-danger p-0" data-confirm="{escape(confirm)}" '
        f'aria-label="{escape(_("Delete"))}"><i class="bi bi-x-lg"></i></button></form>'
    )
    return url, tail


def point_rows(request, scenario, points, can_edit):
    seps = separators()
    if can_edit:
        url, tail = _delete_form(
            request, "materials:point_delete", scenario.pk, _("Delete this collection point?")
        )
    responsibility = _display(type(points[0]), "responsibility") if points else None
    method = _display(type(points[0]), "method") if points else None
    out = []
    for p in points:
        quantity = "–" if p.quantity_m3 is None else _v(p.quantity_m3)
        out.append(
            f'<tr><td>{_v(p.name)}<div class="text-muted">{_v(p.opening_hours)}</div>'
            f'<div class="text-muted">{_v(responsibility(p.responsibility))}</div></td>'
            f'<td>{_v(p.municipality)}</td><td class="text-end">{quantity}</td>'
            f'<td class="text-end">{floatformat(p.tonnes(), 1, seps)}</td><td>{_v(method(p.method))}</td>\n<td>'
        )
        if can_edit:
            out.append(f'<form method="post" action="{escape(url(p.pk))}{tail}')
        out.append("</td></tr>")
    return mark_safe("".join(out))


def plant_rows(request, scenario, plants, can_edit):
    seps = separators()
    if can_edit:
        url, tail = _delete_form(request, "materials:plant_delete", scenario.pk, _("Delete this plant?"))
    candidate = f' <span class="badge text-bg-light">{escape(_("candidate"))}</span>'
    third_party = escape(_("third party"))
    kind = _display(type(plants[0]), "kind") if plants else None
    out = []
    for p in plants:
        operator = _v(p.operator) if p.operator else third_party
        power = ""
        if p.thermal_kw and p.full_load_hours:
            power = f" · {floatformat(p.thermal_kw, '0g', seps)} kW × {floatformat(p.full_load_hours, '0g', seps)} h/a"
        energy = f"{_v(p.energy_yield)} × {_v(p.woody_share)}" if p.energy_yield else ""
        out.append(
            f"<tr><td>{_v(p.name)}{candidate if p.candidate else ''}"
            f'<div class="text-muted">{operator}{power}</div></td><td>{_v(kind(p.kind))}</td>'
            f'<td class="text-end">{floatformat(p.capacity_t, 0, seps)}</td><td class="text-end">{_v(p.gate_fee)}</td>'
            f'<td class="text-end">{floatformat(p.fixed_cost, 0, seps)}</td><td class="text-end">{energy}</td>\n<td>'
        )
        if can_edit:
            out.append(f'<form method="post" action="{escape(url(p.pk))}{tail}')
        out.append("</td></tr>")
    return mark_safe("".join(out))


def flow_rows(flows):
    seps = separators()
    return mark_safe(
        "".join(
            f"<tr><td>{_v(f['point_name'])}</td><td>{_v(f['plant_name'])}</td>"
            f'<td class="text-end">{floatformat(f.get("tonnes"), 1, seps)}</td>'
            f'<td class="text-end">{floatformat(f.get("km"), 1, seps)}</td>'
            f'<td class="text-end">{floatformat(f.get("trips"), 0, seps)}</td>'
            f'<td class="text-end">{floatformat(f.get("transport_cost"), "0g", seps)}</td>'
            f'<td class="text-end">{floatformat(f.get("gate_fee"), "0g", seps)}</td></tr>'
            for f in flows
        )
    )


def municipality_rows(municipalities):
    seps = separators()
    out = []
    for m in municipalities:
        tonnes = m.get("tonnes")
        per_t = widthratio(m.get("cost"), tonnes) if tonnes else ""
        out.append(
            f"<tr><td>{_v(m.get('municipality', ''))}</td>"
            f'<td class="text-end">{floatformat(tonnes, "0g", seps)}</td>'
            f'<td class="text-end">{floatformat(m.get("cost"), "0g", seps)}</td>'
            f'<td class="text-end">{per_t}</td><td class="text-end">{widthratio(m.get("co2e_kg"), 1000)}</td></tr>'
        )
    return mark_safe("".join(out))


def split_rows(rows):
    seps = separators()
    over = f' <span class="badge text-bg-warning">{escape(_("more than alone"))}</span>'
    fixed = escape(_("incl. %(f)s fixed costs of own plants"))
    out = []
    for r in rows:
        own = ""
        if r["own_fixed_cost"]:
            own = '<div class="small text-muted">' + fixed % {
                "f": floatformat(r["own_fixed_cost"], "0g", seps)
            }
            own += "</div>"
        out.append(
            f'<tr><td>{_v(r["name"])}</td><td class="text-end">{floatformat(r["tonnes"], "0g", seps)}</td>'
            f'<td class="text-end">{floatformat(r["population"], "0g", seps)}</td>'
            f'<td class="text-end">{floatformat(r["alone"], "0g", seps)}{own}</td>\n'
        )
        for cell in r["cells"]:
            out.append(
                f'<td class="text-end">{floatformat(cell["value"], "0g", seps)}{over if cell["over"] else ""}</td>'
            )
        out.append("</tr>")
    return mark_safe("".join(out))


def how_computed(sections):
    return mark_safe(
        "".join(
            f'<h3 class="h6 mt-2">{_v(title)}</h3><ul>{"".join(f"<li>{_v(line)}</li>" for line in lines)}</ul>'
            for title, lines in sections
        )
    )


def split_heads(splits):
    """The split columns' header cells of the cost-split table."""
    return mark_safe("".join(f'<th class="text-end">{_v(s["label"])}</th>' for s in splits))


def core_cells(splits):
    """Per split column: is the split in the core?"""
    yes = f'<td class="text-end"><span class="badge text-bg-success">{escape(_("yes"))}</span></td>'
    no = f'<td class="text-end"><span class="badge text-bg-warning">{escape(_("no"))}</span></td>'
    return mark_safe("".join(yes if s["in_core"] else no for s in splits))


def split_explanations(splits):
    """The list items below the cost-split table: each split in a sentence, its warnings."""
    out = []
    for s in splits:
        out.append(f"<li><strong>{_v(s['label'])}:</strong> {_v(s['sentence'])}")
        if s["over_text"]:
            out.append(f' <span class="text-danger">{_v(s["over_text"])}</span>')
        if s["groups"]:
            count = s["count"]
            groups = "; ".join(_v(g) for g in s["groups"])
            head = ngettext(
                "%(n)s group would pay less on its own, e.g.:",
                "%(n)s groups would pay less on their own, e.g.:",
                count,
            ) % {"n": _v(count)}
            out.append(f"<br>{head} {groups}.")
        out.append("</li>")
    return mark_safe("".join(out))
