"""'Meine Daten herunterladen': everything stored about the signed-in person (JSON and CSV)."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

from django.urls import reverse

from ikonnekt.administration import models as adm
from ikonnekt.core.audit import Actor, AuditAction, record
from ikonnekt.legal import export
from ikonnekt.market.models import OrderLine
from tests.administration.factories import make_action_item, make_position
from tests.conftest import make_user
from tests.market.factories import make_order, make_variant
from tests.planning.factories import make_site_owner


def _download(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response


def test_a_users_export_contains_every_kind_of_record(cast, client_for):
    user = cast.a_editor
    user.phone = "06831 444"
    user.save()
    position = make_position(cast, owner=cast.org_a, visibility="cooperation", created_by=cast.a_admin)
    adm.TimeRecord.objects.create(
        position=position, person=user, organisation=cast.org_a, date=date.today(), hours=Decimal("2")
    )
    make_action_item(cast, owner=cast.org_a, visibility="cooperation", created_by=user)
    record(Actor(user=user, organisation=cast.org_a, ip="198.51.100.4"), AuditAction.UPDATE, position)
    user.api_tokens.create(name="Skript", key_hash="f" * 64, key_prefix="ikt_zzzz")

    data = json.loads(_download(client_for(user), "legal:my_data_json").content)
    account = data["account"]
    assert account["username"] == "a_editor" and account["phone"] == "06831 444"
    assert "password" not in account
    sections = data["sections"]
    assert sections["organizations.membership.user"]["rows"][0]["organisation"] == "Gemeinde A"
    assert sections["administration.timerecord.person"]["rows"][0]["hours"] == "2.00"
    assert sections["administration.actionitem.assignee"]["rows"][0]["title"] == "Angebot einholen"
    assert sections["core.auditlog.actor"]["rows"][0]["ip"] == "198.51.100.4"
    token = sections["accounts.apitoken.user"]["rows"][0]
    assert token["name"] == "Skript" and "key_hash" not in token
    # Objects the person created for the organisation are listed by name.
    created = sections["administration.workinggroup.created_by"]["rows"]
    assert created and set(created[0]) >= {"id", "object"}


def test_a_customers_export_has_orders_and_their_lines(cast, client_for):
    customer = make_user("kundin", first_name="Klara")
    order = make_order(cast, owner=cast.org_a, visibility="platform", created_by=customer)
    variant = make_variant(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    OrderLine.objects.create(
        order=order,
        variant=variant,
        producer=cast.org_a,
        quantity=Decimal("2"),
        unit_price=Decimal("3.50"),
        vat_rate=Decimal("7"),
    )
    data = json.loads(_download(client_for(customer), "legal:my_data_json").content)
    orders = data["sections"]["market.order.customer"]["rows"]
    assert [o["number"] for o in orders] == ["RM-T-1"]
    assert orders[0]["cycle"] == "Wochenkorb"
    lines = data["sections"]["market.orderline.order"]["rows"]
    assert lines[0]["order"] == str(order) and lines[0]["unit_price"] == "3.50"


def test_the_my_data_page_counts_what_the_export_contains(cast, client_for):
    """The page counts in one query; its numbers are those of the download, section by section."""
    customer = make_user("kunde2", first_name="Karl")
    order = make_order(cast, owner=cast.org_a, visibility="platform", created_by=customer)
    for quantity in ("1", "2", "3"):
        OrderLine.objects.create(
            order=order,
            variant=make_variant(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor),
            producer=cast.org_a,
            quantity=Decimal(quantity),
            unit_price=Decimal("1.00"),
            vat_rate=Decimal("7"),
        )
    record(Actor(user=customer, organisation=cast.org_a, ip="198.51.100.5"), AuditAction.UPDATE, order)
    page = client_for(customer).get(reverse("legal:my_data"))  # signing in writes an audit row too
    expected = [(s["title"], len(s["rows"])) for s in export.user_data(customer)["sections"].values()]
    assert (str(OrderLine._meta.verbose_name_plural), 3) in expected
    assert ("Änderungsprotokoll (wer)", 2) in expected
    assert export.section_counts(customer) == expected
    assert list(page.context["sections"]) == expected


def test_the_csv_export_opens_in_german_excel_and_neutralises_formulas(cast, client_for):
    user = cast.a_viewer
    user.first_name = "=HYPERLINK(1)"
    user.save()
    text = _download(client_for(user), "legal:my_data_csv").content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["section", "record", "field", "value"]
    assert ["account", "1", "first_name", "'=HYPERLINK(1)"] in rows
    assert any(r[0] == "organizations.membership.user" for r in rows)


def test_a_site_owners_data_is_exported_by_an_administrator(cast, client_for):
    owner = make_site_owner(cast, owner=cast.org_a)
    owner.email = "erika@example.org"
    owner.phone = "0681 2"
    owner.postcode = "66809"
    owner.answer_note = "Nur Verkauf"
    owner.save()
    data = json.loads(client_for(cast.a_admin).get(reverse("legal:site_owner_json", args=[owner.pk])).content)
    account = data["account"]
    for field in (
        "name",
        "street",
        "postcode",
        "city",
        "email",
        "phone",
        "answer",
        "answer_note",
        "site_name",
    ):
        assert field in account, field
    assert account["email"] == "erika@example.org" and account["site_name"] == owner.site.name
    # Editors manage owners but the export is for administrators; other organisations see nothing.
    assert client_for(cast.a_editor).get(reverse("legal:site_owner_json", args=[owner.pk])).status_code == 403
    assert client_for(cast.z_admin).get(reverse("legal:site_owner_json", args=[owner.pk])).status_code == 404
