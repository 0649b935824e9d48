"""Issue #20, defect 11: API tokens act for one organisation, with a read-only or read-write scope,
until they expire; shown and revocable on the user's page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ikonnekt.accounts.models import ApiToken
from tests.factories import make

pytestmark = pytest.mark.django_db


def api(client, key, method="get", path="/api/v1/energy/buildings/", data=None):
    kwargs = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    if data is not None:
        return getattr(client, method)(path, data, content_type="application/json", **kwargs)
    return getattr(client, method)(path, **kwargs)


def building_payload(owner):
    return {"name": "Turnhalle", "use_type": "school", "owner": owner.pk, "visibility": "private"}


def test_read_only_token_reads_but_cannot_write(cast, client):
    _token, key = ApiToken.create_for(cast.a_editor, "Lesen", organisation=cast.org_a, scope="read")
    assert api(client, key).status_code == 200
    response = api(client, key, "post", data=building_payload(cast.org_a))
    assert response.status_code == 403


def test_read_write_token_writes_for_its_organisation(cast, client):
    _token, key = ApiToken.create_for(cast.a_editor, "Schreiben", organisation=cast.org_a, scope="read_write")
    response = api(client, key, "post", data=building_payload(cast.org_a))
    assert response.status_code == 201, response.content


def test_token_acts_only_for_its_organisation(cast, client):
    from ikonnekt.energy.models import Building
    from ikonnekt.organizations.models import Membership

    Membership.objects.create(user=cast.a_editor, organisation=cast.org_z, role="editor")
    private_a = make(
        Building, cast, owner=cast.org_a, visibility="private", created_by=cast.a_editor, shared_with=[]
    )
    _token, key = ApiToken.create_for(cast.a_editor, "Nur Z", organisation=cast.org_z, scope="read_write")
    assert api(client, key, path=f"/api/v1/energy/buildings/{private_a.pk}/").status_code == 404
    assert api(client, key, "post", data=building_payload(cast.org_a)).status_code == 400
    assert api(client, key, "post", data=building_payload(cast.org_z)).status_code == 201
    # the same user signed in on the page still sees organisation A's building
    from django.test import Client

    page = Client()
    page.force_login(cast.a_editor)
    assert page.get(private_a.get_absolute_url()).status_code == 200


def test_expired_token_is_refused(cast, client):
    token, key = ApiToken.create_for(cast.a_editor, "Alt", organisation=cast.org_a)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = api(client, key)
    assert response.status_code == 401
    assert "abgelaufen" in response.json()["detail"]


def test_profile_creates_shows_and_revokes_scoped_tokens(cast, client_for):
    client = client_for(cast.a_editor)
    client.post(
        reverse("accounts:token_create"),
        {"name": "GIS", "organisation": cast.org_a.pk, "scope": "read_write", "days": 30},
    )
    token = ApiToken.objects.get(user=cast.a_editor, name="GIS")
    assert token.organisation == cast.org_a and token.scope == "read_write"
    assert 29 <= (token.expires_at - timezone.now()).days <= 30
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "GIS" in page and cast.org_a.name in page and "lesen und schreiben" in page
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert not ApiToken.objects.filter(pk=token.pk).exists()


def test_a_token_cannot_be_made_for_a_foreign_organisation(cast, client_for):
    client_for(cast.a_editor).post(
        reverse("accounts:token_create"),
        {"name": "Fremd", "organisation": cast.org_z.pk, "scope": "read_write"},
    )
    assert not ApiToken.objects.filter(name="Fremd", organisation=cast.org_z).exists()
