import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from ikonnekt.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def test_sign_in_with_username_or_email(cast, client):
    assert (
        client.post(
            reverse("accounts:login"), {"username": "a_editor", "password": "pw-a_editor"}
        ).status_code
        == 302
    )
    client.logout()
    response = client.post(
        reverse("accounts:login"), {"username": "a_editor@example.org", "password": "pw-a_editor"}
    )
    assert response.status_code == 302


def test_wrong_password_gives_a_clear_message(cast, client):
    response = client.post(reverse("accounts:login"), {"username": "a_editor", "password": "falsch"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_login_is_locked_after_repeated_failures(cast, client):
    for _ in range(3):
        client.post(reverse("accounts:login"), {"username": "a_editor", "password": "falsch"})
    response = client.post(reverse("accounts:login"), {"username": "a_editor", "password": "pw-a_editor"})
    assert response.status_code == 429
    assert b"Too many failed sign-in attempts" in response.content or b"Anmeldeversuche" in response.content


def test_password_reset_sends_mail(cast, client):
    response = client.post(reverse("accounts:password_reset"), {"email": "a_editor@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_api_token_lifecycle(cast, client_for):
    client = client_for(cast.a_editor)
    client.post(reverse("accounts:token_create"), {"name": "GIS-Skript"})
    key = client.session.get("new_api_token")
    assert key and key.startswith("ikt_")
    token = ApiToken.objects.get(user=cast.a_editor)
    assert token.key_hash != key  # only the hash is stored
    client.logout()
    api = client.get("/api/v1/organisations/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.status_code == 200
    bad = client.get("/api/v1/organisations/", HTTP_AUTHORIZATION="Bearer ikt_wrong")
    assert bad.status_code == 401
    client_for(cast.a_editor).post(reverse("accounts:token_revoke", args=[token.pk]))
    client.logout()
    assert client.get("/api/v1/organisations/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_someone_elses_token_cannot_be_revoked(cast, client_for):
    token, _key = ApiToken.create_for(cast.b_editor, "B")
    assert client_for(cast.a_admin).post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_language_can_be_switched_to_english(cast, client_for):
    client = client_for(cast.a_editor)
    assert "Übersicht".encode() in client.get("/").content or b"Dashboard" in client.get("/").content
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert b'lang="en"' in client.get("/").content
