"""Checks that stop a server from starting in a state no one should run (issue #20, defect 13)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MESSAGE = (
    "iKonnekt startet nicht: DEBUG ist aus, aber SECRET_KEY ist der veröffentlichte Entwicklungsschlüssel. "
    "Setzen Sie SECRET_KEY (oder SECRET_KEY_FILE) auf einen geheimen Wert; nur für die Demo DEMO_MODE=1 "
    "setzen. / iKonnekt refuses to start: DEBUG is off but SECRET_KEY is the published development key. "
    "Set SECRET_KEY (or SECRET_KEY_FILE); for the demo only, set DEMO_MODE=1."
)


def refuse_insecure_start() -> None:
    """Raise :class:`ImproperlyConfigured` when serving with DEBUG off and the development key,
    unless the demo was asked for explicitly (``DEMO_MODE=1``, as ``make demo`` does)."""
    if (
        not settings.DEBUG
        and settings.SECRET_KEY == settings.DEV_SECRET_KEY
        and not getattr(settings, "DEMO_MODE", False)
    ):
        raise ImproperlyConfigured(MESSAGE)
