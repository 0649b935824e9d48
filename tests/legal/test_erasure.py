"""Erasure as pseudonymisation: the person is gone from pages, exports and API answers; the
records others must keep (placed orders, time records, action items) stay and stay consistent."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ikonnekt.administration import models as adm
from ikonnekt.core.audit import Actor, AuditAction, record
from ikonnekt.core.models import AuditLog
from ikonnekt.legal.erasure import erase_site_owner, erase_user, pseudonym
from ikonnekt.market.models import Order, OrderStatus, SavedSearch
from ikonnekt.organizations.models import Membership
from tests.administration.factories import make_action_item, make_position
from tests.conftest import make_user
from tests.market.factories import make_cycle, make_order
from tests.planning.factories import make_site_owner


@pytest.fixture
def anna(cast):
    """A member of org A with a name, phone, orders, time records, an action item and audit rows."""
    user = make_user("anna.schmidt", first_name="Anna", last_name="Schmidt", phone="06838 12345")
    Membership.objects.create(user=user, organisation=cast.org_a, role="editor", job_title="Klimaschutz")
    return user


def _fill(cast, anna):
    order = make_order(cast, owner=cast.org_a, visibility="platform", created_by=anna)
    cart_cycle = make_cycle(cast, owner=cast.org_a, visibility="platform")
    cart = Order.objects.create(cycle=cart_cycle, customer=anna, status=OrderStatus.CART)
    position = make_position(cast, owner=cast.org_a, visibility="cooperation", created_by=cast.a_admin)
    time_record = adm.TimeRecord.objects.create(
        position=position, person=anna, organisation=cast.org_b, date=date.today(), hours=Decimal("3.5")
    )
    item = make_action_item(cast, owner=cast.org_a, visibility="cooperation", created_by=anna)
    SavedSearch.objects.create(user=anna, name="Holz")
    anna.api_tokens.create(name="GIS", key_hash="x" * 64, key_prefix="ikt_abcd")
    record(Actor(user=anna, organisation=cast.org_a, ip="192.0.2.7"), AuditAction.UPDATE, position)
    return order, cart, time_record, item


PERSONAL = ("anna.schmidt", "Anna", "Schmidt", "06838 12345", "anna.schmidt@example.org", "192.0.2.7")


def _assert_absent(text):
    for value in PERSONAL:
        assert value not in text, value


def test_erasure_pseudonymises_and_keeps_what_others_must_keep(cast, anna):
    order, cart, time_record, item = _fill(cast, anna)
    name = erase_user(Actor(user=anna, ip="192.0.2.8"), anna)

    anna.refresh_from_db()
    assert name == pseudonym(anna) == f"geloescht-{anna.pk}"
    assert (anna.username, anna.first_name, anna.last_name, anna.email, anna.phone) == (name, "", "", "", "")
    assert not anna.is_active and not anna.has_usable_password()
    # Kept, and still pointing at the (pseudonymised) person.
    assert Order.objects.get(pk=order.pk).customer_id == anna.pk
    assert adm.TimeRecord.objects.get(pk=time_record.pk).person_id == anna.pk
    assert adm.ActionItem.objects.get(pk=item.pk).assignee_id == anna.pk
    # Gone: what only served the person.
    assert not Order.objects.filter(pk=cart.pk).exists()
    assert not Membership.objects.filter(user=anna).exists()
    assert not SavedSearch.objects.filter(user=anna).exists()
    assert not anna.api_tokens.exists()
    # Audit: what happened stays, named by the pseudonym, without the address.
    rows = AuditLog.objects.filter(actor=anna)
    assert rows.exists()
    assert set(rows.values_list("actor_name", flat=True)) == {name}
    assert set(rows.values_list("ip", flat=True)) == {None}
    assert AuditLog.objects.filter(action=AuditAction.DELETE, object_repr=name).exists()
    assert not AuditLog.objects.filter(object_repr__contains="anna.schmidt").exists()


def test_the_erased_person_is_gone_from_pages_exports_and_api(cast, anna, client_for):
    order, _cart, time_record, item = _fill(cast, anna)
    erase_user(Actor(user=cast.a_admin, organisation=cast.org_a), anna)

    client = client_for(cast.a_admin)
    pages = [
        reverse("market:cycle_manage", args=[order.cycle_id]),
        reverse("administration:position_detail", args=[time_record.position_id]),
        reverse("administration:position_time", args=[time_record.position_id]),
        reverse("administration:meeting_detail", args=[item.meeting_id]),
        reverse("organizations:detail", args=[cast.org_a.slug]),
        reverse("core:audit"),
        reverse("core:audit_csv"),
        reverse("market:pickup_list", args=[order.cycle_id]),
        reverse("api:marketorder-list"),
        reverse("api:auditlog-list"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        _assert_absent(body.decode())
        if url.startswith("/market/cycles/") and url.endswith("/manage/"):
            assert pseudonym(anna) in body.decode()  # the order is still there, under the pseudonym


def test_a_user_deletes_their_own_account_with_the_password(cast, anna, client_for):
    _fill(cast, anna)
    client = client_for(anna)
    page = client.get(reverse("legal:my_data"))
    assert page.status_code == 200
    assert "placed orders" in page.content.decode() or "Bestellungen" in page.content.decode()

    wrong = client.post(reverse("legal:erase_me"), {"password": "nope", "confirm": "on"})
    assert wrong.status_code == 400
    assert 'id="id_password_error"' in wrong.content.decode()
    assert get_user_model().objects.get(pk=anna.pk).is_active

    done = client.post(reverse("legal:erase_me"), {"password": "pw-anna.schmidt", "confirm": "on"})
    assert done.status_code == 302
    anna.refresh_from_db()
    assert anna.username == pseudonym(anna)
    # Signed out: a personal page now asks to sign in.
    assert client.get(reverse("legal:my_data")).status_code == 302


def test_a_market_customer_can_leave(cast):
    customer = make_user("kunde.k", first_name="Karl", last_name="Kunde")
    make_order(cast, owner=cast.org_a, visibility="platform", created_by=customer)
    erase_user(Actor(user=customer), customer)
    customer.refresh_from_db()
    assert customer.username == pseudonym(customer)
    assert Order.objects.filter(customer=customer, status=OrderStatus.PLACED).count() == 1


def test_administrators_may_erase_members_of_their_organisations_only(cast, anna):
    with pytest.raises(PermissionDenied):
        erase_user(Actor(user=cast.z_admin), anna)
    with pytest.raises(PermissionDenied):
        erase_user(Actor(user=cast.a_editor), anna)
    erase_user(Actor(user=cast.a_admin), anna)


def test_the_last_administrator_is_told_to_hand_over_first(cast):
    with pytest.raises(ValidationError) as exc:
        erase_user(Actor(user=cast.a_admin), cast.a_admin)
    assert "Gemeinde A" in str(exc.value)
    assert get_user_model().objects.get(pk=cast.a_admin.pk).is_active


def test_admin_page_erases_a_member(cast, anna, client_for):
    client = client_for(cast.a_admin)
    url = reverse("legal:erase_user", args=[anna.pk])
    assert client.get(url).status_code == 200
    assert client_for(cast.z_admin).get(url).status_code == 404
    client = client_for(cast.a_admin)
    failed = client.post(url, {})
    assert 'id="id_confirm_error"' in failed.content.decode()
    assert "data-error-summary" in failed.content.decode()
    assert client.post(url, {"confirm": "on"}).status_code == 302
    anna.refresh_from_db()
    assert anna.username == pseudonym(anna)


def test_site_owner_erasure_keeps_the_contact_history(cast, client_for):
    owner = make_site_owner(cast, owner=cast.org_a, answer="willing")
    owner.email = "erika@example.org"
    owner.phone = "0681 1"
    owner.letter_sent_on = date.today() - timedelta(days=30)
    owner.save()
    with pytest.raises(PermissionDenied):
        erase_site_owner(Actor(user=cast.a_editor), owner)
    client = client_for(cast.a_admin)
    assert (
        client.post(reverse("legal:site_owner_erase", args=[owner.pk]), {"confirm": "on"}).status_code == 302
    )
    owner.refresh_from_db()
    assert owner.name == f"geloescht-{owner.pk}"
    assert (owner.street, owner.city, owner.email, owner.phone) == ("", "", "", "")
    assert owner.answer == "willing" and owner.letter_sent_on is not None
    page = client.get(owner.site.get_absolute_url()).content.decode()
    assert "Erika" not in page and "Mustermann" not in page
    exported = json.loads(client.get(reverse("legal:site_owner_json", args=[owner.pk])).content)
    assert exported["account"]["name"] == owner.name


def test_erasure_replaces_the_name_in_audit_rows_about_other_objects(cast):
    """GIVEN an audit row about a position whose changes name Jürgen Müller (e.g. as the person assigned)
    WHEN he is erased THEN the row still says what changed, naming only the pseudonym."""
    juergen = make_user("jmueller", first_name="Jürgen", last_name="Müller")
    Membership.objects.create(user=juergen, organisation=cast.org_a, role="editor")
    position = make_position(cast, owner=cast.org_a, visibility="cooperation", created_by=cast.a_admin)
    record(
        Actor(user=cast.a_admin, organisation=cast.org_a),
        AuditAction.UPDATE,
        position,
        changes={
            "holder": ["", "Jürgen Müller"],
            "note": ["", "mail from jmueller@example.org"],
            "hours": [1, 2],
        },
    )
    name = erase_user(Actor(user=juergen), juergen)

    row = AuditLog.objects.filter(object_id=str(position.pk), action=AuditAction.UPDATE).latest("pk")
    assert row.changes == {
        "holder": ["", name],
        "note": ["", f"mail from {name}"],
        "hours": [1, 2],
    }
    assert "Müller" not in json.dumps(
        list(AuditLog.objects.values_list("changes", flat=True)), ensure_ascii=False
    )


def test_typed_text_loses_the_person_but_not_common_words(cast):
    """GIVEN a customer "kunde" (a plain word as user name) named Karla Kundig WHEN she is erased
    THEN texts naming her full name or e-mail name the pseudonym, but the word "Kunde" elsewhere stays."""
    from ikonnekt.legal.erasure import person_identifiers

    karla = make_user("kunde", first_name="Karla", last_name="Kundig", phone="0681 4711")
    assert person_identifiers(karla) == ["kunde@example.org", "Karla Kundig", "0681 4711"]
    order = make_order(cast, owner=cast.org_a, visibility="platform", created_by=karla)
    order.note = "Kunde bittet um Rückruf – karla kundig, KUNDE@example.org"
    order.save()
    name = erase_user(Actor(user=karla), karla)
    order.refresh_from_db()
    assert order.note == f"Kunde bittet um Rückruf – {name}, {name}"
