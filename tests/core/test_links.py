"""Mails and feeds link to SITE_URL, the one setting for the site's public address."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from ikonnekt.core.checks import check_site_url

pytestmark = pytest.mark.django_db
PUBLIC = "https://ikonnekt.kreis-saarlouis.example"


@override_settings(SITE_URL=PUBLIC)
def test_invitation_mail_links_to_the_public_address_not_the_request_host(cast, client_for):
    client_for(cast.a_admin).post(
        reverse("organizations:invite", args=[cast.org_a.slug]),
        {"email": "neu@example.org", "role": "viewer"},
    )
    body = mail.outbox[-1].body
    assert f"{PUBLIC}/organizations/" in body
    assert "testserver" not in body and ":8000" not in body


@override_settings(SITE_URL="http://127.0.0.1:8000", DEBUG=False)
def test_deploy_check_warns_when_site_url_is_this_machine():
    (warning,) = check_site_url(None)
    assert warning.id == "ikonnekt.W010"


@override_settings(SITE_URL=PUBLIC, DEBUG=False)
def test_deploy_check_accepts_a_public_site_url():
    assert check_site_url(None) == []


def test_row_url_gives_the_same_address_as_reverse():
    from django.urls import reverse

    from ikonnekt.core.links import row_url

    for pk in (1, 10, 987, 100000):
        assert row_url("energy:building_detail")(pk) == reverse("energy:building_detail", args=[pk])
        assert row_url("cooperations:detail")(pk) == reverse("cooperations:detail", args=[pk])
    # an id containing the digits of the page's other arguments, and a leading argument
    assert row_url("materials:plant_delete", 10)(100) == reverse("materials:plant_delete", args=[10, 100])
