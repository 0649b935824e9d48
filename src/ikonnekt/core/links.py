"""Absolute links to the site in mails, iCal feeds and other text read outside the browser.

One setting, ``SITE_URL`` (e.g. ``https://ikonnekt.kreis-saarlouis.de``), is the site's public
address; no link is built from the host name or port a request happened to arrive at, nor from
the development server's default.
"""

from django.conf import settings


def absolute_url(path: str) -> str:
    """``absolute_url("/market/orders/3/")`` → ``https://ikonnekt.example.org/market/orders/3/``."""
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")
