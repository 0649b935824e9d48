import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from ikonnekt import env

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_and_readyz(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "migrations": "ok", "storage": "ok"}


@pytest.mark.django_db
def test_security_headers(client):
    response = client.get("/accounts/login/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_env_helpers_are_strict(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("X_FLAG", "vielleicht")
    with pytest.raises(ImproperlyConfigured):
        env.envbool("X_FLAG", False)
    monkeypatch.setenv("X_NUM", "zwölf")
    with pytest.raises(ImproperlyConfigured):
        env.envint("X_NUM", 1)
    monkeypatch.setenv("X_LIST", "a, b,,c")
    assert env.envlist("X_LIST", []) == ["a", "b", "c"]


def test_secret_from_file(tmp_path, monkeypatch):
    secret = tmp_path / "secret"
    secret.write_text("s3cr3t\n")
    monkeypatch.setenv("MY_SECRET_FILE", str(secret))
    assert env.envstr("MY_SECRET") == "s3cr3t"


def _check_deploy(extra_env, tmp_path):
    environ = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environ.update(
        {
            "PYTHONPATH": str(ROOT / "src"),
            "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
            "DJANGO_SETTINGS_MODULE": "ikonnekt.settings",
            "IKONNEKT_DATA_DIR": str(tmp_path),
        }
    )
    for name in ("SECRET_KEY", "EMAIL_HOST", "EMAIL_FILE_PATH", "DEMO_MODE"):
        environ.pop(name, None)
    environ.update({k: v for k, v in extra_env.items() if v is not None})
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 20 + "-production-secret-with-enough-entropy-1234567890abcdef",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "ALLOWED_HOSTS": "ikonnekt.example.org",
    "EMAIL_HOST": "smtp.example.org",
    "SITE_URL": "https://ikonnekt.example.org",
}


def test_check_deploy_is_clean_in_production_settings(tmp_path):
    result = _check_deploy(PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_refuses_the_development_key(tmp_path):
    result = _check_deploy({**PRODUCTION, "SECRET_KEY": None}, tmp_path)
    assert result.returncode != 0
    assert "ikonnekt.E001" in result.stdout + result.stderr


def test_check_deploy_refuses_console_mail_in_production(tmp_path):
    result = _check_deploy({**PRODUCTION, "EMAIL_HOST": None}, tmp_path)
    assert result.returncode != 0
    assert "ikonnekt.E003" in result.stdout + result.stderr


def test_console_mail_is_allowed_in_the_demo_and_in_development(settings):
    from ikonnekt.core.checks import check_mail_backend

    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.DEBUG = False
    settings.DEMO_MODE = False
    assert [e.id for e in check_mail_backend(None)] == ["ikonnekt.E003"]
    settings.DEMO_MODE = True
    assert check_mail_backend(None) == []
    settings.DEMO_MODE = False
    settings.DEBUG = True
    assert check_mail_backend(None) == []
    settings.DEBUG = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert check_mail_backend(None) == []


@pytest.mark.django_db
def test_deploy_check_fails_while_demo_password_is_in_use(settings):
    from ikonnekt.core.checks import check_demo_password
    from tests.conftest import make_user

    settings.DEBUG = False
    user = make_user("nalbach-editor")
    user.set_password(settings.DEMO_PASSWORD)
    user.save()
    errors = check_demo_password(None)
    assert [e.id for e in errors] == ["ikonnekt.E002"]
    user.set_password("a-new-long-password-1")
    user.save()
    assert check_demo_password(None) == []


@pytest.mark.django_db
def test_migrations_are_complete():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
