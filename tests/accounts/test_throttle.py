"""Issue #20, defect 2: the sign-in lock-out counts the account, whatever spelling reached it, and
the source address; password-reset mails are rate-limited per account and address."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db
LOGIN = "accounts:login"


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_failures_under_other_spellings_lock_the_same_account(cast, client):
    spellings = [
        "a_viewer",
        "A_VIEWER@EXAMPLE.ORG",
        "a_viewer@Example.org",
        "A_Viewer",
        "a_VIEWER@example.org",
    ]
    for number, spelling in enumerate(spellings):  # each from another address: only the account counts
        client.post(
            reverse(LOGIN), {"username": spelling, "password": "falsch"}, REMOTE_ADDR=f"10.0.0.{number}"
        )
    response = client.post(
        reverse(LOGIN),
        {"username": "A_viewer@example.ORG", "password": "pw-a_viewer"},
        REMOTE_ADDR="10.0.1.1",
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_failures_spread_over_accounts_lock_the_address(cast, client):
    for name in ["x1", "x2", "b_viewer", "a_admin", "nobody@example.org"]:
        client.post(reverse(LOGIN), {"username": name, "password": "falsch"}, REMOTE_ADDR="10.9.9.9")
    response = client.post(
        reverse(LOGIN), {"username": "a_editor", "password": "pw-a_editor"}, REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code == 429
    elsewhere = client.post(
        reverse(LOGIN), {"username": "a_editor", "password": "pw-a_editor"}, REMOTE_ADDR="10.9.9.10"
    )
    assert elsewhere.status_code == 302


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_fewer_failures_than_the_limit_still_sign_in(cast, client):
    for _ in range(3):
        client.post(reverse(LOGIN), {"username": "a_editor@EXAMPLE.org", "password": "falsch"})
    assert client.post(reverse(LOGIN), {"username": "a_editor", "password": "pw-a_editor"}).status_code == 302


@override_settings(PASSWORD_RESET_PER_ACCOUNT=3, PASSWORD_RESET_PER_ADDRESS=10)
def test_reset_mails_are_limited_per_account(cast, client):
    for number in range(15):
        response = client.post(
            reverse("accounts:password_reset"),
            {"email": "A_Editor@example.org" if number % 2 else "a_editor@example.org"},
            REMOTE_ADDR=f"10.1.0.{number}",
        )
        assert response.status_code == 302  # the same answer every time: nothing to learn
    assert len(mail.outbox) == 3


@override_settings(PASSWORD_RESET_PER_ACCOUNT=3, PASSWORD_RESET_PER_ADDRESS=4)
def test_reset_mails_are_limited_per_address(cast, client):
    for name in ["a_editor", "a_viewer", "a_admin", "b_editor", "b_viewer", "z_admin"]:
        client.post(
            reverse("accounts:password_reset"), {"email": f"{name}@example.org"}, REMOTE_ADDR="10.2.0.1"
        )
    assert len(mail.outbox) == 4
