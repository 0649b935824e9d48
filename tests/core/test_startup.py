"""Issue #20, defect 13: the server refuses DEBUG=0 with the published development key unless the
demo is asked for (DEMO_MODE=1, as ``make demo`` sets it)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from ikonnekt.core.startup import refuse_insecure_start

ROOT = Path(__file__).resolve().parents[2]


@override_settings(DEBUG=False, DEMO_MODE=False)
def test_debug_off_with_the_development_key_is_refused(settings):
    settings.SECRET_KEY = settings.DEV_SECRET_KEY
    with pytest.raises(ImproperlyConfigured, match="Entwicklungsschlüssel"):
        refuse_insecure_start()


@pytest.mark.parametrize(
    "overrides", [{"DEBUG": True, "DEMO_MODE": False}, {"DEBUG": False, "DEMO_MODE": True}]
)
def test_debug_on_or_the_demo_may_start(settings, overrides):
    settings.SECRET_KEY = settings.DEV_SECRET_KEY
    with override_settings(**overrides):
        refuse_insecure_start()


def test_a_secret_key_may_start(settings):
    with override_settings(DEBUG=False, DEMO_MODE=False, SECRET_KEY="x" * 60):
        refuse_insecure_start()


def start_wsgi(tmp_path, **env):
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "IKONNEKT_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "ikonnekt.settings",
        **env,
    }
    for name in ("SECRET_KEY", "SECRET_KEY_FILE", "DEMO_MODE"):
        if name not in env:
            environment.pop(name, None)
    return subprocess.run(
        [sys.executable, "-c", "import ikonnekt.wsgi"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_wsgi_entry_point_refuses_and_the_demo_starts(tmp_path):
    refused = start_wsgi(tmp_path, DEBUG="0")
    assert refused.returncode != 0 and "DEMO_MODE=1" in refused.stderr
    assert start_wsgi(tmp_path, DEBUG="0", DEMO_MODE="1").returncode == 0
