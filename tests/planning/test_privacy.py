"""Owner records are personal data: only the owning municipality ever sees them."""

import pytest
from django.urls import reverse

from ikonnekt.planning.models import SiteOwner
from tests.planning.factories import make_site_owner

pytestmark = pytest.mark.django_db

SECRET = "Erika Mustermann"


@pytest.fixture
def owner(cast):
    # The site itself is as open as it gets: public, in the exchange, shared with the cooperation.
    o = make_site_owner(
        cast, owner=cast.org_a, visibility="public", created_by=cast.a_editor, shared_with=[cast.coop]
    )
    o.site.in_exchange = True
    o.site.save()
    return o


@pytest.mark.parametrize("user", ["b_editor", "b_viewer", "z_admin", "anonymous"])
def test_nobody_outside_the_owning_municipality_sees_owner_data(cast, client_for, owner, user):
    u = cast.user(user)
    assert not SiteOwner.objects.visible_to(u).exists()
    client = client_for(u)
    for url in [
        reverse("planning:site_detail", args=[owner.site.pk]),
        reverse("planning:exchange"),
        reverse("planning:sites_geojson"),
        reverse("api:planning-site-detail", args=[owner.site.pk]),
        reverse("api:planning-sites-geojson"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode(), url
    if u.is_authenticated:
        response = client.get(reverse("api:planning-siteowner-list"))
        assert response.status_code == 200 and response.json()["count"] == 0
        assert client.get(reverse("api:planning-siteowner-detail", args=[owner.pk])).status_code == 404
        assert client.get(reverse("planning:site_owner_edit", args=[owner.pk])).status_code == 404
        assert (
            client.post(
                reverse("planning:site_owner_answer", args=[owner.pk]), {"answer": "sell"}
            ).status_code
            == 404
        )
        assert client.get(reverse("planning:site_letters", args=[owner.site.pk])).status_code == 404
        search = client.get(reverse("search:results"), {"q": "Mustermann"})
        assert SECRET not in search.content.decode()


def test_members_of_the_owning_municipality_see_owner_data(cast, client_for, owner):
    client = client_for(cast.a_viewer)
    assert SECRET in client.get(reverse("planning:site_detail", args=[owner.site.pk])).content.decode()
    assert client.get(reverse("api:planning-siteowner-list")).json()["count"] == 1
    # Viewers read, but do not change owner records.
    response = client.post(
        reverse("planning:site_owner_answer", args=[owner.pk]),
        {"answer": "sell", "answered_on": "2025-05-01"},
    )
    owner.refresh_from_db()
    assert owner.answer == "none"
    assert response.status_code == 302


def test_partner_cannot_attach_owners_to_a_foreign_site_via_api(cast, client_for, owner):
    client = client_for(cast.b_editor)
    response = client.post(
        reverse("api:planning-siteowner-list"),
        {"site": owner.site.pk, "name": "X"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert SiteOwner.objects.count() == 1


def test_audit_log_does_not_copy_owner_names(cast, client_for, owner):
    from ikonnekt.core.models import AuditLog

    client = client_for(cast.a_editor)
    client.post(
        reverse("planning:site_owner_answer", args=[owner.pk]),
        {"answer": "sell", "answered_on": "2025-05-01"},
    )
    owner.refresh_from_db()
    assert owner.answer == "sell"
    rows = AuditLog.objects.all()
    assert rows.exists()
    assert all(SECRET not in str(r.changes) and SECRET not in r.object_repr for r in rows)
