"""Absolute links to the site in mails, iCal feeds and other text read outside the browser.

One setting, ``SITE_URL`` (e.g. ``https://ikonnekt.kreis-saarlouis.de``), is the site's public
address; no link is built from the host name or port a request happened to arrive at, nor from
the development server's default.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, reverse


def absolute_url(path: str) -> str:
    """``absolute_url("/market/orders/3/")`` → ``https://ikonnekt.example.org/market/orders/3/``."""
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


_ROW = 987654321  # a stand-in id that no other part of a URL contains


def row_url(name: str, *args):
    """``row_url("energy:building_detail")(7)`` → ``"/energy/buildings/7/"``: the URL of route ``name``
    whose last argument is a row's id, from one ``reverse`` for every row of a page (a ``{% url %}``
    or ``reverse`` per row cost list pages more than their query). ``args`` come before the id."""
    return _row_url(get_script_prefix(), name, args)


@lru_cache(maxsize=1024)  # bounded: some routes take an object's id before the row's
def _row_url(_prefix, name, args):
    head, tail = reverse(name, args=[*args, _ROW]).split(str(_ROW))
    return lambda pk: f"{head}{pk}{tail}"
