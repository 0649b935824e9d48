"""The agreement page's lists, read as the shown columns and written in Python once (issue #18).

The page showed eight child lists (parties, task transfers, cost keys with their components, cost
items, advance payments, settlements, council decisions, the timeline) through template loops over
model instances with their organisations, users and cost keys joined in full, with a date or number
filter, a choice label, a URL or a csrf token per row: most of its time. These functions read
``values_list`` of the columns the page shows (cost keys and their components in one query) and
give the same HTML (escaped as the template escaped it), with the separators, the translations,
the csrf input and the URL patterns read once per page.
"""

from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ikonnekt.administration import models as m
from ikonnekt.cooperations.sections import choice_labels
from ikonnekt.core.links import row_url
from ikonnekt.core.numformat import floatformat, separators
from ikonnekt.core.prepared import Rows
from ikonnekt.core.subbar import csrf_input


def _v(value):
    """``{{ value }}`` in a template: localised and escaped."""
    return conditional_escape(localize(value))


def _or_dash(value):
    """``{{ value|default:"–" }}``."""
    return _v(value) if value else "–"


def _labels(model, field):
    """{value: label} of a choices field as text in the active language."""
    return {key: str(label) for key, label in choice_labels(model, field).items()}


def _day(value):
    """``|date:"d.m.Y"`` of a date or (in local time) a datetime."""
    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.day:02d}.{value.month:02d}.{value.year}"


def _user_name(first, last, username):
    """``str(user)``: the full name, else the user name."""
    return f"{first} {last}".strip() or username


def parties_html(parties, seps):
    roles = _labels(m.AgreementParty, "role")
    out = []
    for p in parties:
        share = (
            "" if p.fixed_share_percent is None else f" · {floatformat(p.fixed_share_percent, '-3', seps)} %"
        )
        out.append(
            f'<li class="list-group-item d-flex justify-content-between small"><span>'
            f"{escape(p.organisation.name)}{share}</span>"
            f'<span class="badge text-bg-light">{escape(roles.get(p.role, p.role))}</span></li>'
        )
    return mark_safe("".join(out))


_transfers = Rows(
    lambda agreement_id: m.TaskTransfer.objects.filter(agreement_id=agreement_id).values_list(
        "task",
        "from_organisation__name",
        "to_organisation__name",
        "since",
        "cases_per_year",
        "staff_hours_per_year",
        "staff_hours_saved_per_year",
    )
)


def transfers_html(agreement_id):
    rows = _transfers(agreement_id)
    out = [
        f"<tr><td>{escape(task)}</td><td>{escape(source)} → {escape(target)}</td><td>{_day(since)}</td>"
        f"<td>{_or_dash(cases)}</td><td>{_or_dash(hours)}</td><td>{_or_dash(saved)}</td></tr>"
        for task, source, target, since, cases, hours, saved in rows
    ]
    return mark_safe("".join(out) or '<tr><td colspan="6" class="text-muted">–</td></tr>')


_cost_keys = Rows(
    lambda agreement_id: (
        m.CostKey.objects.filter(agreement_id=agreement_id)
        .order_by("name", "pk", "components__id")
        .values_list(
            "pk",
            "name",
            "components__id",
            "components__weight_percent",
            "components__basis",
            "components__reference_date",
            "components__resource__name",
            "components__position__title",
        )
    )
)


def cost_keys_html(agreement_id, seps):
    """Each cost key with its components (one query: the keys joined with their components)."""
    rows = _cost_keys(agreement_id)
    bases = _labels(m.CostKeyComponent, "basis")
    keys = {}
    for key_id, name, component_id, weight, basis, reference_date, resource, position in rows:
        parts = keys.setdefault(key_id, (name, []))[1]
        if component_id is None:
            continue
        text = f"{floatformat(weight, '-2', seps)} % {escape(bases.get(basis, basis))}"
        if reference_date:
            text += f" ({_day(reference_date)})"
        if resource:
            text += f" – {escape(resource)}"
        if position:
            text += f" – {escape(position)}"
        parts.append(text)
    out = [f"<li><strong>{escape(name)}</strong>: {' + '.join(parts)}</li>" for name, parts in keys.values()]
    return mark_safe("".join(out) or '<li class="text-muted">–</li>')


_cost_items = Rows(
    lambda agreement_id: m.CostItem.objects.filter(agreement_id=agreement_id).values_list(
        "pk", "year", "label", "category", "overhead_rate_percent", "amount", "cost_key__name"
    )
)


def cost_items_html(request, agreement_id, can_edit, seps):
    rows = _cost_items(agreement_id)
    categories = _labels(m.CostItem, "category")
    if can_edit:
        delete_url = row_url("administration:cost_item_delete")
        csrf = csrf_input(request)
        button = (
            f'">{csrf}<button class="btn btn-sm btn-link text-danger p-0" title="{escape(_("Delete"))}">'
            '<i class="bi bi-trash"></i></button></form>'
        )
    out = []
    for pk, year, label, category, overhead, amount, key in rows:
        if overhead is not None:
            value = f"{_v(overhead)} %"
        else:
            value = f"{floatformat(amount, '2g', seps)} €"
        out.append(
            f"<tr><td>{_v(year)}</td><td>{escape(label)}</td><td>{escape(categories.get(category, category))}"
            f'</td><td class="text-end">{value}</td><td>{escape(key)}</td><td>'
        )
        if can_edit:
            out.append(f'<form method="post" action="{delete_url(pk)}{button}')
        out.append("</td></tr>")
    return mark_safe("".join(out) or '<tr><td colspan="6" class="text-muted">–</td></tr>')


_advances = Rows(
    lambda agreement_id: m.AdvancePayment.objects.filter(agreement_id=agreement_id).values_list(
        "year", "organisation__name", "amount"
    )
)


def advances_html(agreement_id, seps):
    rows = _advances(agreement_id)
    out = [
        f"<li>{_v(year)} · {escape(name)}: {floatformat(amount, '2g', seps)} €</li>"
        for year, name, amount in rows
    ]
    return mark_safe("".join(out) or '<li class="text-muted">–</li>')


_settlements = Rows(
    lambda agreement_id: (
        m.Settlement.objects.filter(agreement_id=agreement_id)
        .order_by("-year", "-version")
        .values_list("pk", "year", "version", "total", "issued_at")
    )
)


def settlements_html(agreement_id, seps):
    rows = _settlements(agreement_id)
    url = row_url("administration:settlement_detail")
    version_word = escape(_("version"))
    out = [
        f'<li><a href="{url(pk)}">{_v(year)} · {version_word} {_v(version)}</a> · '
        f"{floatformat(total, '2g', seps)} € · {_day(issued_at)}</li>"
        for pk, year, version, total, issued_at in rows
    ]
    return mark_safe("".join(out) or f'<li class="text-muted">{escape(_("None issued yet."))}</li>')


_decisions = Rows(
    lambda agreement_id: m.CouncilDecision.objects.filter(agreement_id=agreement_id).values_list(
        "organisation__name", "body", "decided_on", "resolution_number", "approved"
    )
)


def decisions_html(agreement_id):
    rows = _decisions(agreement_id)
    number_word = escape(_("No."))
    approved_badge = f'<span class="badge text-bg-success">{escape(_("approved"))}</span>'
    rejected_badge = f'<span class="badge text-bg-danger">{escape(_("rejected"))}</span>'
    out = [
        f'<li class="list-group-item small"><strong>{escape(name)}</strong>: {escape(body)}, {_day(decided_on)}, '
        f"{number_word} {escape(number)} {approved_badge if approved else rejected_badge}</li>"
        for name, body, decided_on, number, approved in rows
    ]
    return mark_safe("".join(out) or '<li class="list-group-item small text-muted">–</li>')


_timeline = Rows(
    lambda agreement_id: m.StatusChange.objects.filter(agreement_id=agreement_id).values_list(
        "changed_at",
        "from_status",
        "to_status",
        "changed_by_id",
        "changed_by__first_name",
        "changed_by__last_name",
        "changed_by__username",
        "note",
    )
)


def timeline_html(agreement_id):
    rows = _timeline(agreement_id)
    statuses = _labels(m.StatusChange, "to_status")
    out = []
    for changed_at, from_status, to_status, user_id, first, last, username, note in rows:
        local = timezone.localtime(changed_at)
        text = f'<li class="list-group-item small"><span class="text-muted">{local:%d.%m.%Y %H:%M}</span> · '
        if from_status:
            text += f"{escape(statuses.get(from_status, from_status))} → "
        text += f"<strong>{escape(statuses.get(to_status, to_status))}</strong>"
        if user_id is not None:
            text += f" · {escape(_user_name(first, last, username))}"
        if note:
            text += f"<br>{escape(note)}"
        out.append(text + "</li>")
    return mark_safe("".join(out))


_LINKS = (
    "edit",
    "delete",
    "status",
    "attachment",
    "transfer",
    "cost_key",
    "cost_item",
    "advance",
    "settlement",
    "vat",
    "party",
    "decision",
)


def links(agreement):
    """The page's links: ``administration:agreement_<name>`` of the agreement and its cooperation's page."""
    urls = {name: row_url(f"administration:agreement_{name}")(agreement.pk) for name in _LINKS}
    urls["cooperation"] = row_url("administration:cooperation")(agreement.cooperation_id)
    return urls


def lists(request, agreement, parties, can_edit):
    """The page's child lists as HTML, keyed by their names in the template."""
    seps = separators()
    pk = agreement.pk
    return {
        "parties_html": parties_html(parties, seps),
        "transfers_html": transfers_html(pk),
        "cost_keys_html": cost_keys_html(pk, seps),
        "cost_items_html": cost_items_html(request, pk, can_edit, seps),
        "advances_html": advances_html(pk, seps),
        "settlements_html": settlements_html(pk, seps),
        "decisions_html": decisions_html(pk),
        "timeline_html": timeline_html(pk),
    }
