"""Where people land: visitors on the public start page, customers on the market, members on the dashboard."""

import pytest
from django.urls import reverse

from tests.conftest import make_user
from tests.planning.factories import make_vision

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_sees_what_ikonnekt_is_public_objects_and_a_sign_in_button(cast, client_for):
    public = make_vision(cast, owner=cast.org_a, visibility="public")
    public.title = "Grüne Saaraue 2100"
    public.save()
    private = make_vision(cast, owner=cast.org_a, visibility="private")
    private.title = "Geheime Vision"
    private.save()
    response = client_for(None).get(reverse("core:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kreislaufwirtschaft" in html and 'id="welcome-sign-in"' in html
    assert "Grüne Saaraue 2100" in html and "Geheime Vision" not in html
    assert "Einladung" not in html


def test_customer_without_organisation_lands_on_the_market(cast, client_for):
    response = client_for(make_user("kundin")).get(reverse("core:dashboard"))
    assert response.status_code == 302 and response["Location"] == reverse("market:home")


def test_member_lands_on_the_dashboard(cast, client_for):
    response = client_for(cast.a_editor).get(reverse("core:dashboard"))
    assert response.status_code == 200 and cast.org_a.name in response.content.decode()


def test_offline_map_background_names_municipalities_not_companies(cast, client_for):
    from ikonnekt.organizations.models import Organisation

    # Outside the shipped boundaries (Trier): inside them the boundaries name the place.
    cast.org_a.latitude, cast.org_a.longitude = 49.756, 6.641
    cast.org_a.save()
    Organisation.objects.create(
        name="Biohof X", slug="biohof-x", kind="company", latitude=49.4, longitude=6.8
    )
    data = client_for(None).get(reverse("places")).json()
    names = {f["properties"]["name"] for f in data["features"]}
    assert cast.org_a.name in names and "Biohof X" not in names
    (feature,) = [f for f in data["features"] if f["properties"]["name"] == cast.org_a.name]
    assert feature["geometry"]["coordinates"] == [6.641, 49.756]  # GeoJSON: longitude first


def test_favicon_ico_is_found(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
