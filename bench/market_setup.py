"""Shared set-up of the market benchmarks: a throw-away SQLite database with the schema."""

import os
import tempfile
from pathlib import Path

RESULTS = Path(__file__).parent / "results"


def setup_django():
    tmp = tempfile.mkdtemp(prefix="ikonnekt-bench-market-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikonnekt.settings")
    os.environ["SQLITE_PATH"] = str(Path(tmp) / "bench.sqlite3")
    os.environ["IKONNEKT_DATA_DIR"] = tmp
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_ENABLED = False
    # No collectstatic in a benchmark: plain static storage (production uses the manifest).
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)
    return tmp


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)
