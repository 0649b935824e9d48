"""WSGI application of the HTTP benchmarks: the platform plus the minimal view (bench/_minimal.py)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikonnekt.settings")

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

import _minimal  # noqa: E402

settings.ROOT_URLCONF = _minimal.urlconf()
