"""ASGI entry point (not the recommended way to serve iKonnekt: WSGI is 5–10× faster here)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikonnekt.settings")
application = get_asgi_application()

from ikonnekt.core.startup import refuse_insecure_start  # noqa: E402  (needs the settings loaded above)

refuse_insecure_start()
