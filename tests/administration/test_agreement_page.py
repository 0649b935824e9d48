"""The agreement page's lists written in Python (administration/agreement_page.py) give the HTML
the template loops gave, in German and English, with the cases the demo data lacks: empty lists,
a cost key without components, a component with date, resource and position, an overhead item,
a rejected decision, a status change without user and with a note, missing key figures and
markup in names."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db.models import Prefetch
from django.template import engines
from django.test import RequestFactory
from django.utils import timezone, translation

from ikonnekt.administration import agreement_page
from ikonnekt.administration import models as m

# The loops of agreement_detail.html before they moved into agreement_page.py.
OLD_LOOPS = """{% for t in transfers %}<tr><td>{{ t.task }}</td><td>{{ t.from_organisation }} → {{ t.to_organisation }}</td><td>{{ t.since|date:"d.m.Y" }}</td><td>{{ t.cases_per_year|default:"–" }}</td><td>{{ t.staff_hours_per_year|default:"–" }}</td><td>{{ t.staff_hours_saved_per_year|default:"–" }}</td></tr>{% empty %}<tr><td colspan="6" class="text-muted">–</td></tr>{% endfor %}</tbody></table>
<ul class="small">{% for k in cost_keys %}<li><strong>{{ k.name }}</strong>: {% for c in k.components.all %}{{ c.weight_percent|floatformat:"-2" }} % {{ c.get_basis_display }}{% if c.reference_date %} ({{ c.reference_date|date:"d.m.Y" }}){% endif %}{% if c.resource %} – {{ c.resource }}{% endif %}{% if c.position %} – {{ c.position }}{% endif %}{% if not forloop.last %} + {% endif %}{% endfor %}</li>{% empty %}<li class="text-muted">–</li>{% endfor %}</ul>
{% for i in cost_items %}<tr><td>{{ i.year }}</td><td>{{ i.label }}</td><td>{{ i.get_category_display }}</td><td class="text-end">{% if i.overhead_rate_percent is not None %}{{ i.overhead_rate_percent }} %{% else %}{{ i.amount|floatformat:"2g" }} €{% endif %}</td><td>{{ i.cost_key }}</td><td>{% if can_edit %}<form method="post" action="{% url 'administration:cost_item_delete' i.pk %}">{% csrf_token %}<button class="btn btn-sm btn-link text-danger p-0" title="{% translate 'Delete' %}"><i class="bi bi-trash"></i></button></form>{% endif %}</td></tr>{% empty %}<tr><td colspan="6" class="text-muted">–</td></tr>{% endfor %}</tbody></table>
<ul class="small">{% for a in advances %}<li>{{ a.year }} · {{ a.organisation }}: {{ a.amount|floatformat:"2g" }} €</li>{% empty %}<li class="text-muted">–</li>{% endfor %}</ul>
<ul class="small" id="settlements">{% for s in settlements %}<li><a href="{{ s.get_absolute_url }}">{{ s.year }} · {% translate "version" %} {{ s.version }}</a> · {{ s.total|floatformat:"2g" }} € · {{ s.issued_at|date:"d.m.Y" }}</li>{% empty %}<li class="text-muted">{% translate "None issued yet." %}</li>{% endfor %}</ul>
<ul class="list-group mb-3" id="parties">{% for p in parties %}<li class="list-group-item d-flex justify-content-between small"><span>{{ p.organisation }}{% if p.fixed_share_percent is not None %} · {{ p.fixed_share_percent|floatformat:"-3" }} %{% endif %}</span><span class="badge text-bg-light">{{ p.get_role_display }}</span></li>{% endfor %}</ul>
<ul class="list-group mb-3" id="council-decisions">{% for d in decisions %}<li class="list-group-item small"><strong>{{ d.organisation }}</strong>: {{ d.body }}, {{ d.decided_on|date:"d.m.Y" }}, {% translate "No." %} {{ d.resolution_number }} {% if d.approved %}<span class="badge text-bg-success">{% translate "approved" %}</span>{% else %}<span class="badge text-bg-danger">{% translate "rejected" %}</span>{% endif %}</li>{% empty %}<li class="list-group-item small text-muted">–</li>{% endfor %}</ul>
<ul class="list-group" id="timeline">{% for c in timeline %}<li class="list-group-item small"><span class="text-muted">{{ c.changed_at|date:"d.m.Y H:i" }}</span> · {% if c.from_status %}{{ c.get_from_status_display }} → {% endif %}<strong>{{ c.get_to_status_display }}</strong>{% if c.changed_by %} · {{ c.changed_by }}{% endif %}{% if c.note %}<br>{{ c.note }}{% endif %}</li>{% endfor %}</ul>
"""


def _old(agreement, can_edit, request):
    template = engines["django"].from_string("{% load i18n %}" + OLD_LOOPS)
    a = agreement
    return template.render(
        {
            "object": a,
            "can_edit": can_edit,
            "parties": a.parties.select_related("organisation"),
            "decisions": a.council_decisions.select_related("organisation"),
            "timeline": a.status_changes.select_related("changed_by"),
            "transfers": a.task_transfers.select_related("from_organisation", "to_organisation"),
            "cost_keys": a.cost_keys.prefetch_related(
                Prefetch(
                    "components", queryset=m.CostKeyComponent.objects.select_related("resource", "position")
                )
            ),
            "cost_items": a.cost_items.select_related("cost_key"),
            "advances": a.advance_payments.select_related("organisation"),
            "settlements": a.settlements.defer("inputs", "result").order_by("-year", "-version"),
        },
        request,
    )


def _new(agreement, can_edit, request):
    html = agreement_page.lists(
        request, agreement, list(agreement.parties.select_related("organisation")), can_edit
    )
    return "\n".join(
        [
            f"{html['transfers_html']}</tbody></table>",
            f'<ul class="small">{html["cost_keys_html"]}</ul>',
            f"{html['cost_items_html']}</tbody></table>",
            f'<ul class="small">{html["advances_html"]}</ul>',
            f'<ul class="small" id="settlements">{html["settlements_html"]}</ul>',
            f'<ul class="list-group mb-3" id="parties">{html["parties_html"]}</ul>',
            f'<ul class="list-group mb-3" id="council-decisions">{html["decisions_html"]}</ul>',
            f'<ul class="list-group" id="timeline">{html["timeline_html"]}</ul>\n',
        ]
    )


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    request.META["CSRF_COOKIE"] = "x" * 32  # one secret: the masked tokens differ, the secret not
    return request


def _unmask(html):
    import re

    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", html)


def _agreement(cast, title="Vereinbarung"):
    return m.Agreement.objects.create(
        owner=cast.org_a,
        cooperation=cast.coop,
        title=title,
        kind=m.AgreementKind.ZWECKVEREINBARUNG_MANDATING,
        task_field="bauhof",
    )


@pytest.fixture
def full(cast):
    a = _agreement(cast)
    cast.org_b.name = "Stadt <B> & Co"
    cast.org_b.save()
    m.AgreementParty.objects.create(
        agreement=a, organisation=cast.org_a, role="mandated", fixed_share_percent=30
    )
    m.AgreementParty.objects.create(agreement=a, organisation=cast.org_b)
    m.TaskTransfer.objects.create(
        agreement=a,
        task="Bauhof <alt>",
        from_organisation=cast.org_a,
        to_organisation=cast.org_b,
        since=date(2024, 1, 5),
        cases_per_year=12345,
        staff_hours_per_year=Decimal("1234.5"),
        staff_hours_saved_per_year=Decimal("0"),
    )
    m.TaskTransfer.objects.create(
        agreement=a,
        task="ohne Zahlen",
        from_organisation=cast.org_b,
        to_organisation=cast.org_a,
        since=date(2024, 2, 1),
    )
    resource = m.SharedResource.objects.create(
        owner=cast.org_a,
        cooperation=cast.coop,
        name="Häcksler & Co",
        kind=m.ResourceKind.MACHINE,
        cost_rate=45,
    )
    position = m.SharedPosition.objects.create(
        owner=cast.org_a, cooperation=cast.coop, title="Stelle <1>", annual_personnel_costs=Decimal("65000")
    )
    empty_key = m.CostKey.objects.create(agreement=a, name="A leer")
    key = m.CostKey.objects.create(agreement=a, name="B <gemischt>")
    m.CostKeyComponent.objects.create(cost_key=key, basis="equal", weight_percent=Decimal("12.345"))
    m.CostKeyComponent.objects.create(
        cost_key=key, basis="inhabitants", weight_percent=Decimal("50"), reference_date=date(2023, 12, 31)
    )
    m.CostKeyComponent.objects.create(
        cost_key=key, basis="resource_usage", weight_percent=Decimal("37.655"), resource=resource
    )
    m.CostKeyComponent.objects.create(
        cost_key=key, basis="position_hours", weight_percent=Decimal("0"), position=position
    )
    m.CostItem.objects.create(
        agreement=a,
        year=2025,
        category="material",
        label="Mat <x>",
        amount=Decimal("1234567.891"),
        cost_key=key,
    )
    m.CostItem.objects.create(
        agreement=a,
        year=2025,
        category="overhead",
        label="Gemeinkosten",
        amount=0,
        overhead_rate_percent=Decimal("15"),
        cost_key=empty_key,
    )
    m.AdvancePayment.objects.create(
        agreement=a, organisation=cast.org_b, year=2025, amount=Decimal("-17500.5")
    )
    m.AdvancePayment.objects.create(agreement=a, organisation=cast.org_a, year=2025, amount=Decimal("0.004"))
    m.CouncilDecision.objects.create(
        agreement=a,
        organisation=cast.org_b,
        body="Rat <S>",
        decided_on=date(2022, 9, 22),
        resolution_number="1/2",
        approved=False,
    )
    m.CouncilDecision.objects.create(
        agreement=a, organisation=cast.org_a, decided_on=date(2022, 10, 6), resolution_number="N&1"
    )
    cast.a_admin.first_name, cast.a_admin.last_name = "Jonas", "Bauer"
    cast.a_admin.save()
    for when, old, new, user, note in [
        (datetime(2022, 6, 1, 23, 30), "", "draft", None, ""),
        (datetime(2022, 7, 4, 10, 0), "draft", "negotiation", cast.a_admin, "mit <Notiz>"),
        (datetime(2022, 12, 31, 23, 59), "negotiation", "signed", cast.a_editor, ""),
    ]:
        m.StatusChange.objects.create(
            agreement=a,
            from_status=old,
            to_status=new,
            changed_by=user,
            note=note,
            changed_at=timezone.make_aware(when, timezone.get_fixed_timezone(0)),
        )
    for version, total in ((1, Decimal("77207.5")), (2, Decimal("0"))):
        m.Settlement.objects.create(
            agreement=a, year=2025, version=version, inputs={}, result={}, total=total
        )
    return a


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("can_edit", [True, False])
def test_lists_give_the_template_loops_html(cast, full, language, can_edit):
    request = _request(cast.a_admin)
    with translation.override(language):
        old, new = _unmask(_old(full, can_edit, request)), _unmask(_new(full, can_edit, request))
    assert "Stadt &lt;B&gt; &amp; Co" in new and ("CSRF" in new) == can_edit
    assert new == old


@pytest.mark.parametrize("language", ["de", "en"])
def test_empty_lists_give_the_template_loops_html(cast, language):
    a = _agreement(cast, "leer")
    request = _request(cast.a_admin)
    with translation.override(language):
        assert _new(a, True, request) == _old(a, True, request)


def test_links_are_the_reversed_urls(cast):
    from django.urls import reverse

    a = _agreement(cast)
    urls = agreement_page.links(a)
    for name, url in urls.items():
        if name == "cooperation":
            assert url == reverse("administration:cooperation", args=[a.cooperation_id])
        else:
            assert url == reverse(f"administration:agreement_{name}", args=[a.pk])
