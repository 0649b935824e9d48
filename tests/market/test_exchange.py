import datetime as dt
from decimal import Decimal as D

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ikonnekt.core.audit import Actor
from ikonnekt.market import actions
from ikonnekt.market.models import Listing, ListingStatus, SavedSearch, WasteCode
from ikonnekt.organizations.models import Membership, Organisation
from tests.conftest import make_user
from tests.market.factories import make_listing

pytestmark = pytest.mark.django_db
SECRET_ADDRESS = "Geheimweg 7, 66809 Nalbach"


@pytest.fixture
def moderator(cast):
    district = Organisation.objects.create(
        name="Landkreis T", slug="lk-t", kind="district", latitude=49.31, longitude=6.75
    )
    user = make_user("lk_editor")
    Membership.objects.create(user=user, organisation=district, role="editor")
    return user


def _form_data(cast, **over):
    data = {
        "kind": "offer",
        "owner": cast.org_a.pk,
        "title": "Holzhackschnitzel G50",
        "code": "20 02 01",
        "description": "Aus Grünschnitt",
        "quantity": "120",
        "unit": "t",
        "recurrence": "monthly",
        "municipality": cast.org_a.pk,
        "address": SECRET_ADDRESS,
        "logistics": "delivery",
        "legal_status": "by_product",
        "available_from": timezone.localdate().isoformat(),
        "valid_until": (timezone.localdate() + dt.timedelta(days=90)).isoformat(),
        "visibility": "public",
    }
    data.update(over)
    return data


def test_listing_goes_live_only_after_moderation_and_notifies_saved_search(
    cast, client_for, moderator, django_capture_on_commit_callbacks
):
    searcher = cast.b_editor
    SavedSearch.objects.create(user=searcher, name="Hackschnitzel", kind="offer", code_prefix="2002")
    SavedSearch.objects.create(user=cast.z_admin, name="Boden", code_prefix="1705")
    r = client_for(cast.a_editor).post(reverse("market:listing_create"), _form_data(cast))
    assert r.status_code == 302, r.content.decode()[:3000]
    listing = Listing.objects.get()
    assert listing.status == ListingStatus.PENDING and listing.chiffre.startswith("SR-")
    anon = client_for(None)
    assert anon.get(listing.get_absolute_url()).status_code in (302, 404)
    assert client_for(searcher).get(listing.get_absolute_url()).status_code == 404
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        r = client_for(moderator).post(
            reverse("market:listing_moderate", args=[listing.pk]), {"decision": "approve"}
        )
    assert r.status_code == 302
    listing.refresh_from_db()
    assert listing.status == ListingStatus.APPROVED
    recipients = [m.to[0] for m in mail.outbox]
    assert searcher.email in recipients
    assert cast.z_admin.email not in recipients
    assert client_for(None).get(listing.get_absolute_url()).status_code == 200


def test_lister_address_and_identity_never_leak(cast, client_for, moderator):
    listing = make_listing(cast, owner=cast.org_a, visibility="public", created_by=cast.a_editor)
    for user in (None, cast.b_editor, cast.z_admin):
        client = client_for(user)
        html = client.get(listing.get_absolute_url()).content.decode()
        assert SECRET_ADDRESS not in html and "Geheimweg" not in html
        assert cast.org_a.name not in html
        listing_html = client.get(reverse("market:listing_list")).content.decode()
        assert "Geheimweg" not in listing_html and listing.title in listing_html
        api = client.get(reverse("api:marketlisting-detail", args=[listing.pk])).content.decode()
        assert "Geheimweg" not in api and cast.org_a.name not in api
        api_list = client.get(reverse("api:marketlisting-list")).content.decode()
        assert "Geheimweg" not in api_list
    assert SECRET_ADDRESS in client_for(moderator).get(listing.get_absolute_url()).content.decode()
    assert SECRET_ADDRESS in client_for(cast.a_viewer).get(listing.get_absolute_url()).content.decode()


def test_anonymous_sees_only_approved_listings(cast, client_for):
    approved = make_listing(cast, owner=cast.org_a, visibility="public")
    pending = make_listing(cast, owner=cast.org_a, visibility="public", status="pending")
    rejected = make_listing(cast, owner=cast.org_a, visibility="public", status="rejected")
    visible = set(Listing.objects.visible_to(cast.anonymous).values_list("pk", flat=True))
    assert visible == {approved.pk}
    assert set(Listing.objects.visible_to(cast.a_viewer).values_list("pk", flat=True)) == {
        approved.pk,
        pending.pk,
        rejected.pk,
    }
    r = client_for(None).get(reverse("api:marketlisting-list"))
    assert [x["id"] for x in r.json()["results"]] == [approved.pk]


def test_rejection_needs_a_reason(cast, moderator):
    listing = make_listing(cast, owner=cast.org_a, visibility="public", status="pending")
    with pytest.raises(ValidationError):
        actions.moderate_listing(Actor(user=moderator), listing, approve=False, reason=" ")
    actions.moderate_listing(Actor(user=moderator), listing, approve=False, reason="Bitte Analytik beifügen")
    listing.refresh_from_db()
    assert listing.status == "rejected" and listing.rejection_reason == "Bitte Analytik beifügen"


def test_non_moderator_cannot_moderate(cast, client_for):
    listing = make_listing(cast, owner=cast.org_a, visibility="public", status="pending")
    r = client_for(cast.a_admin).post(
        reverse("market:listing_moderate", args=[listing.pk]), {"decision": "approve"}
    )
    assert r.status_code == 403
    listing.refresh_from_db()
    assert listing.status == "pending"


@pytest.mark.parametrize(
    "over, field, message",
    [
        ({"code": "99 99 99"}, "code", "unbekannt"),
        ({"code": "17 05"}, "code", "6-stelliger"),
        ({"quantity": "0"}, "quantity", "größer als 0"),
        ({"quantity": "-5"}, "quantity", "größer als 0"),
        ({"code": "17 05 03", "legal_status": "end_of_waste"}, "evidence", "gefährlicher Abfall"),
    ],
)
def test_bad_listing_input_is_refused_with_a_clear_message(cast, client_for, over, field, message):
    r = client_for(cast.a_editor).post(reverse("market:listing_create"), _form_data(cast, **over))
    assert r.status_code == 200
    assert message in r.content.decode()
    assert not Listing.objects.exists()


def test_hazardous_end_of_waste_with_evidence_is_accepted(cast, client_for):
    pdf = SimpleUploadedFile("gutachten.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    data = _form_data(cast, code="17 05 03", legal_status="end_of_waste", evidence=pdf)
    r = client_for(cast.a_editor).post(reverse("market:listing_create"), data)
    assert r.status_code == 302
    assert Listing.objects.get().waste_code.hazardous


def test_evidence_upload_is_checked_by_content(cast, client_for):
    fake = SimpleUploadedFile("gutachten.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    r = client_for(cast.a_editor).post(reverse("market:listing_create"), _form_data(cast, evidence=fake))
    assert r.status_code == 200 and "weder ein PDF" in r.content.decode()


def test_contact_is_relayed_and_rate_limited(cast, django_capture_on_commit_callbacks):
    listing = make_listing(cast, owner=cast.org_a, visibility="public")
    others = [make_listing(cast, owner=cast.org_a, visibility="public") for _ in range(5)]
    actor = Actor(user=cast.b_editor)
    body = "Wir hätten Interesse an 20 t pro Monat, Abholung möglich."
    with django_capture_on_commit_callbacks(execute=True):
        actions.send_contact(actor, listing, body)
    assert mail.outbox[-1].to == [cast.a_admin.email] or cast.a_editor.email in mail.outbox[-1].to
    assert cast.b_editor.email in mail.outbox[-1].body
    with pytest.raises(ValidationError, match="gerade zu diesem Inserat"):
        actions.send_contact(actor, listing, body)
    for other in others[:4]:
        actions.send_contact(actor, other, body)
    with pytest.raises(ValidationError, match="letzten Stunde"):
        actions.send_contact(actor, others[4], body)
    with pytest.raises(ValidationError, match="Links"):
        actions.send_contact(
            Actor(user=cast.z_admin), listing, "Billig http://a.example http://b.example www.c.example"
        )


def test_suggestions_on_the_page_show_distance_and_co2e(cast, client_for):
    offer = make_listing(cast, owner=cast.org_a, visibility="public")
    wanted = make_listing(cast, owner=cast.org_b, visibility="public")
    Listing.objects.filter(pk=wanted.pk).update(kind="wanted", municipality=cast.org_b)
    for org, (lat, lon) in ((cast.org_a, (49.38, 6.78)), (cast.org_b, (49.31, 6.75))):
        Organisation.objects.filter(pk=org.pk).update(latitude=lat, longitude=lon)
    html = client_for(cast.z_admin).get(offer.get_absolute_url()).content.decode()
    assert "CO₂e" in html and "km" in html


def test_deal_outcomes_and_csv(cast, client_for):
    listing = make_listing(cast, owner=cast.org_a, visibility="public")
    client = client_for(cast.a_editor)
    r = client.post(
        reverse("market:listing_deal", args=[listing.pk]),
        {"date": timezone.localdate().isoformat(), "quantity": "24", "tonnes": "24", "transport_km": "10"},
    )
    assert r.status_code == 302
    assert listing.deals.get().tonnes == D("24")
    html = client.get(reverse("market:outcomes")).content.decode()
    assert "24" in html
    csv_text = client.get(reverse("market:outcomes_csv")).content.decode()
    assert listing.chiffre in csv_text and "20 02 01" in csv_text
    # outsider may not record deals
    r = client_for(cast.b_editor).post(
        reverse("market:listing_deal", args=[listing.pk]),
        {"date": timezone.localdate().isoformat(), "quantity": "1", "tonnes": "1"},
    )
    assert listing.deals.count() == 1


def test_code_list_is_shipped_with_chapters_and_hazard_markers():
    assert WasteCode.objects.filter(level="chapter").count() == 20
    assert WasteCode.objects.get(code="170503").hazardous
    assert not WasteCode.objects.get(code="170504").hazardous
    assert WasteCode.objects.get(code="170503").display_code == "17 05 03*"
