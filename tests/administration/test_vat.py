"""§ 2b UStG: classification with the Kämmerei's checklist, VAT lines in settlements, dashboard notice."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ikonnekt.administration import actions, costkeys, vat
from ikonnekt.administration import models as m
from ikonnekt.administration.statements import settlement_pdf, settlement_xlsx
from ikonnekt.core.audit import Actor
from ikonnekt.core.models import AuditLog

pytestmark = pytest.mark.django_db

ALL_FOUR = {
    "vat_long_term": True,
    "vat_public_task": True,
    "vat_cost_reimbursement": True,
    "vat_public_bodies": True,
}


def inputs(status, rate="19"):
    """Party "1" and "2"; item 1: 1,000.00 € by fixed shares 30/70; item 2: 333.33 € in equal shares."""
    return {
        "year": 2026,
        "parties": [{"id": 1, "name": "A"}, {"id": 2, "name": "B"}],
        "keys": {
            "k1": {
                "name": "fest",
                "components": [{"basis": "fixed", "weight": "100", "values": {"1": "30", "2": "70"}}],
            },
            "k2": {"name": "gleich", "components": [{"basis": "equal", "weight": "100", "values": {}}]},
        },
        "items": [
            {"label": "Personal", "category": "personnel", "amount": "1000.00", "rate": None, "key": "k1"},
            {"label": "Sachkosten", "category": "material", "amount": "333.33", "rate": None, "key": "k2"},
        ],
        "advances": {"1": "500.00", "2": "1000.00"},
        "vat": {"status": status, "rate": rate, "reasoning": "Begründung"},
    }


def test_taxable_settlement_shows_net_vat_and_gross_per_party_and_item_hand_computed():
    """Hand arithmetic (19 %, § 12 Abs. 1 UStG; VAT per party and item, rounded half up):
    item 1: A 1000.00·0.30 = 300.00 → VAT 57.00 → 357.00;  B 700.00 → VAT 133.00 → 833.00
    item 2: 33333 ct / 2 = 16666.5 → A 166.67 (leftover cent to the first id), B 166.66
            A VAT 166.67·0.19 = 31.6673 → 31.67 → 198.34;  B 166.66·0.19 = 31.6654 → 31.67 → 198.33
    A: net 466.67, VAT 88.67, gross 555.34, advances 500.00 → balance 55.34
    B: net 866.66, VAT 164.67, gross 1031.33, advances 1000.00 → balance 31.33
    total net 1333.33, VAT 253.34, gross 1586.67"""
    result = costkeys.settle(inputs("taxable"))
    item1, item2 = result["items"]
    assert item1["shares"]["1"] == {"share": "30.0000", "amount": "300.00", "vat": "57.00", "gross": "357.00"}
    assert item1["shares"]["2"] == {
        "share": "70.0000",
        "amount": "700.00",
        "vat": "133.00",
        "gross": "833.00",
    }
    assert (item2["shares"]["1"]["amount"], item2["shares"]["1"]["vat"], item2["shares"]["1"]["gross"]) == (
        "166.67",
        "31.67",
        "198.34",
    )
    assert (item2["shares"]["2"]["amount"], item2["shares"]["2"]["vat"], item2["shares"]["2"]["gross"]) == (
        "166.66",
        "31.67",
        "198.33",
    )
    assert result["parties"]["1"] == {
        "costs": "466.67",
        "advances": "500.00",
        "balance": "55.34",
        "vat": "88.67",
        "gross": "555.34",
    }
    assert result["parties"]["2"] == {
        "costs": "866.66",
        "advances": "1000.00",
        "balance": "31.33",
        "vat": "164.67",
        "gross": "1031.33",
    }
    assert result["total"] == "1333.33"
    assert result["vat"]["total_vat"] == "253.34" and result["vat"]["total_gross"] == "1586.67"


def test_not_taxable_settlement_has_no_vat_lines_and_keeps_the_reasoning():
    result = costkeys.settle(inputs("not_taxable"))
    assert "vat" not in result["parties"]["1"]
    assert result["parties"]["1"]["balance"] == "-33.33"  # 466.67 − 500.00
    assert result["vat"] == {"status": "not_taxable", "reasoning": "Begründung"}


def test_vat_rounds_half_up_to_the_cent():
    assert vat.vat_cents(250, Decimal("19")) == 48  # 2.50 € · 19 % = 0.475 € → 0.48 €
    assert vat.vat_cents(16666, Decimal("19")) == 3167


def test_checklist_suggests_not_taxable_only_if_all_four_conditions_hold():
    assert vat.suggestion(ALL_FOUR) == "not_taxable"
    assert vat.suggestion({**ALL_FOUR, "vat_cost_reimbursement": False}) == "taxable"


def _agreement(cast):
    a = m.Agreement.objects.create(
        owner=cast.org_a,
        cooperation=cast.coop,
        title="Vereinbarung Bauhof",
        kind="zv_mandating",
        task_field="bauhof",
        visibility="cooperation",
        created_by=cast.a_admin,
    )
    a.shared_with.set([cast.coop])
    m.AgreementParty.objects.create(
        agreement=a, organisation=cast.org_a, role="mandated", fixed_share_percent=30
    )
    m.AgreementParty.objects.create(
        agreement=a, organisation=cast.org_b, role="mandating", fixed_share_percent=70
    )
    return a


def test_not_taxable_needs_all_four_conditions_and_a_reasoning_and_is_audited(cast):
    a = _agreement(cast)
    with pytest.raises(ValidationError) as exc:
        actions.classify_vat(
            Actor(user=cast.a_admin),
            a,
            {"vat_status": "not_taxable", **ALL_FOUR, "vat_public_bodies": False, "vat_reasoning": "x"},
        )
    assert "d) " in str(exc.value.message_dict["vat_status"])
    with pytest.raises(ValidationError) as exc:
        actions.classify_vat(Actor(user=cast.a_admin), a, {"vat_status": "not_taxable", **ALL_FOUR})
    assert "vat_reasoning" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        actions.classify_vat(Actor(user=cast.b_editor), a, {"vat_status": "taxable", "vat_reasoning": "x"})
    actions.classify_vat(
        Actor(user=cast.a_admin),
        a,
        {"vat_status": "not_taxable", **ALL_FOUR, "vat_reasoning": "Kostenerstattung unter Kommunen"},
    )
    a.refresh_from_db()
    assert a.vat_status == "not_taxable" and a.vat_assessed_by == cast.a_admin and a.vat_assessed_on
    log = AuditLog.objects.filter(object_id=str(a.pk), action="update").latest("pk")
    assert "vat_status" in log.changes and "vat_reasoning" in log.changes


def _issue(cast, a):
    key = m.CostKey.objects.create(agreement=a, name="fest")
    m.CostKeyComponent.objects.create(cost_key=key, basis="fixed", weight_percent=100)
    m.CostItem.objects.create(
        agreement=a, year=2026, category="personnel", label="Personal", amount=1000, cost_key=key
    )
    return actions.issue_settlement(Actor(user=cast.a_admin), a, 2026)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_taxable_settlement_pdf_and_xlsx_show_net_rate_and_gross(cast):
    a = _agreement(cast)
    actions.classify_vat(
        Actor(user=cast.a_admin),
        a,
        {"vat_status": "taxable", "vat_reasoning": "Personalgestellung", "vat_rate_percent": Decimal("19")},
    )
    settlement = _issue(cast, a)
    # A 30 % of 1000.00 = 300.00 + 57.00 VAT = 357.00; B 700.00 + 133.00 = 833.00
    assert settlement.result["parties"][str(cast.org_a.pk)]["gross"] == "357.00"
    assert settlement.result["parties"][str(cast.org_b.pk)]["vat"] == "133.00"
    text = _pdf_text(settlement_pdf(settlement))
    assert "357.00" in text and "133.00" in text and "19 %" in text and "Taxable under § 2b UStG" in text
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(settlement_xlsx(settlement))).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    row_a = next(r for r in rows if r[0] == cast.org_a.name)
    assert [Decimal(str(v)) for v in row_a[1:5]] == [
        Decimal("300"),
        Decimal("19"),
        Decimal("57"),
        Decimal("357"),
    ]


def test_not_taxable_settlement_pdf_says_why(cast):
    a = _agreement(cast)
    actions.classify_vat(
        Actor(user=cast.a_admin),
        a,
        {"vat_status": "not_taxable", **ALL_FOUR, "vat_reasoning": "Beistandsleistung"},
    )
    text = _pdf_text(settlement_pdf(_issue(cast, a)))
    assert "Not taxable under § 2b Abs. 3 Nr. 2 UStG" in text and "Beistandsleistung" in text


def test_dashboard_names_unclassified_agreements_and_the_end_of_the_transition(cast, client):
    a = _agreement(cast)
    client.force_login(cast.b_editor)
    page = client.get("/").content.decode()
    assert 'id="vat-transition-notice"' in page and a.title in page and "§ 27 Abs. 22a UStG" in page
    actions.classify_vat(
        Actor(user=cast.a_admin), a, {"vat_status": "taxable", "vat_reasoning": "x", "vat_rate_percent": 19}
    )
    assert 'id="vat-transition-notice"' not in client.get("/").content.decode()


def test_transition_notice_changes_tense_after_the_deadline():
    assert "ends on 31 December 2026" in str(vat.transition_notice(date(2026, 12, 31)))
    assert "ended on 31 December 2026" in str(vat.transition_notice(date(2027, 1, 1)))


def test_vat_page_is_for_editors_of_the_owner(cast, client):
    a = _agreement(cast)
    url = reverse("administration:agreement_vat", args=[a.pk])
    client.force_login(cast.b_editor)
    assert client.get(url).status_code == 403
    client.force_login(cast.z_admin)
    assert client.get(url).status_code == 404
    client.force_login(cast.a_admin)
    response = client.post(
        url,
        {"vat_status": "not_taxable", "vat_long_term": "on", "vat_reasoning": "x", "vat_rate_percent": "19"},
    )
    assert response.status_code == 200 and "b) " in response.content.decode()
    a.refresh_from_db()
    assert a.vat_status == "unclassified"


def test_api_reads_and_records_the_classification(cast, client_for):
    a = _agreement(cast)
    url = f"/api/v1/agreements/{a.pk}/vat/"
    client = client_for(cast.a_admin)
    assert client.get(url).json()["vat_status"] == "unclassified"
    r = client.post(
        url,
        {"vat_status": "not_taxable", "vat_long_term": True, "vat_reasoning": "x"},
        content_type="application/json",
    )
    assert r.status_code == 400
    r = client.post(
        url,
        {"vat_status": "not_taxable", **ALL_FOUR, "vat_reasoning": "Kostenerstattung"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["vat_status"] == "not_taxable"
    assert (
        client_for(cast.b_editor)
        .post(url, {"vat_status": "taxable"}, content_type="application/json")
        .status_code
        == 403
    )
    assert client_for(cast.z_admin).get(url).status_code == 404
