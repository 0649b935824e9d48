import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ikonnekt.market.models import Listing, ListingStatus
from ikonnekt.organizations.models import Membership, Organisation
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _listing_payload(cast, **over):
    data = {
        "kind": "offer",
        "owner": cast.org_a.pk,
        "title": "Bodenaushub",
        "code": "17 05 04",
        "quantity": "500",
        "unit": "t",
        "municipality": cast.org_a.pk,
        "legal_status": "waste",
        "valid_until": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        "visibility": "public",
    }
    data.update(over)
    return data


def test_api_listing_goes_through_moderation(cast, client_for):
    r = client_for(cast.a_editor).post(
        reverse("api:marketlisting-list"), _listing_payload(cast), content_type="application/json"
    )
    assert r.status_code == 201, r.content
    listing = Listing.objects.get()
    assert listing.status == ListingStatus.PENDING and r.json()["status"] == "pending"
    assert (
        client_for(cast.b_editor).get(reverse("api:marketlisting-detail", args=[listing.pk])).status_code
        == 404
    )
    # a non-moderator cannot approve
    r = client_for(cast.a_admin).post(reverse("api:marketlisting-approve", args=[listing.pk]))
    assert r.status_code == 403
    district = Organisation.objects.create(name="LK", slug="lk", kind="district")
    mod = make_user("mod")
    Membership.objects.create(user=mod, organisation=district, role="editor")
    r = client_for(mod).post(reverse("api:marketlisting-approve", args=[listing.pk]))
    assert r.status_code == 200 and r.json()["status"] == "approved"
    body = client_for(cast.b_editor).get(reverse("api:marketlisting-detail", args=[listing.pk])).json()
    assert body["owner"] is None and body["organisation"] is None and "address" not in body


@pytest.mark.parametrize(
    "over",
    [
        {"code": "999999"},
        {"quantity": "0"},
        {"quantity": "-1"},
        {"code": "17 05 03", "legal_status": "end_of_waste"},
    ],
)
def test_api_rejects_bad_listings(cast, client_for, over):
    r = client_for(cast.a_editor).post(
        reverse("api:marketlisting-list"), _listing_payload(cast, **over), content_type="application/json"
    )
    assert r.status_code == 400
    assert not Listing.objects.exists()


def test_api_profile_only_for_companies(cast, client_for):
    payload = {
        "name": "Hof",
        "sector": "agriculture",
        "municipality": "Nalbach",
        "owner": cast.org_a.pk,
        "visibility": "public",
    }
    r = client_for(cast.a_editor).post(
        reverse("api:marketprofile-list"), payload, content_type="application/json"
    )
    assert r.status_code == 400
    Organisation.objects.filter(pk=cast.org_a.pk).update(kind="company")
    r = client_for(cast.a_editor).post(
        reverse("api:marketprofile-list"), payload, content_type="application/json"
    )
    assert r.status_code == 201, r.content


def test_api_variant_price_with_three_decimals_is_refused(cast, client_for):
    payload = {
        "name": "Honig",
        "category": "pantry",
        "owner": cast.org_a.pk,
        "visibility": "public",
        "variants": [{"name": "500 g", "unit": "g", "size": "500", "price": "7.499", "vat_rate": "7.00"}],
    }
    r = client_for(cast.a_editor).post(
        reverse("api:marketproduct-list"), payload, content_type="application/json"
    )
    assert r.status_code == 400 and "price" in r.content.decode()
