"""System checks: `ikonnekt check --deploy` says in plain words what is missing."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    if settings.SECRET_KEY == settings.DEV_SECRET_KEY and not settings.DEBUG:
        return [
            Error(
                "SECRET_KEY is the development key.",
                hint="Set SECRET_KEY (or SECRET_KEY_FILE).",
                id="ikonnekt.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_demo_password(app_configs, **kwargs):
    if settings.DEBUG:
        return []
    from django.contrib.auth import get_user_model
    from django.db import DatabaseError

    try:
        users = list(
            get_user_model().objects.filter(is_active=True).exclude(password="").only("password", "username")
        )
    except DatabaseError:
        return []
    # Demo accounts share one hash per salt; checking each is slow for many users, so only
    # users whose name follows the demo pattern or that are marked demo are checked.
    demo_users = [
        u for u in users if u.username.endswith(("-admin", "-editor", "-viewer")) or u.username == "demo"
    ]
    offenders = [u.username for u in demo_users if u.check_password(settings.DEMO_PASSWORD)]
    if offenders:
        return [
            Error(
                f"{len(offenders)} account(s) still use the published demo password (e.g. {offenders[0]}).",
                hint="Change their passwords or delete the demo data before going live.",
                id="ikonnekt.E002",
            )
        ]
    return []


CONSOLE_MAIL_BACKENDS = (
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
)


@register(Tags.security, deploy=True)
def check_mail_backend(app_configs, **kwargs):
    """Mail to the console (or nowhere) is fine for the demo and development only: in production
    order confirmations and password-reset links would land in the server log (GDPR Art. 32)."""
    if settings.DEBUG or getattr(settings, "DEMO_MODE", False):
        return []
    if settings.EMAIL_BACKEND in CONSOLE_MAIL_BACKENDS:
        return [
            Error(
                "Mail goes to the console: order confirmations and password-reset links would be "
                "written to the server log.",
                hint="Set EMAIL_HOST (SMTP) or EMAIL_FILE_PATH; the console backend is allowed only "
                "with DEBUG=1 or DEMO_MODE=1.",
                id="ikonnekt.E003",
            )
        ]
    return []


@register()
def check_celery_installed(app_configs, **kwargs):
    """A broker is configured, but Celery (an extra since it is not needed by the embedded runner)
    is missing: every job would fail at dispatch."""
    import importlib.util

    if settings.CELERY_BROKER_URL and importlib.util.find_spec("celery") is None:
        return [
            Error(
                "CELERY_BROKER_URL is set, but Celery is not installed.",
                hint="pip install 'ikonnekt[celery]', or unset CELERY_BROKER_URL to use the embedded job runner.",
                id="ikonnekt.E004",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    """Mails and calendar feeds link to SITE_URL: a loopback address there leads nowhere."""
    host = urlsplit(settings.SITE_URL).hostname or ""
    if not settings.DEBUG and host in ("127.0.0.1", "localhost", "0.0.0.0", "::1", ""):  # noqa: S104
        return [
            Warning(
                f"SITE_URL is {settings.SITE_URL}: links in mails and calendar feeds point to this machine.",
                hint="Set SITE_URL to the public address, e.g. https://ikonnekt.example.org.",
                id="ikonnekt.W010",
            )
        ]
    return []
