"""Every page in German: no number in English format, no raw choice code, no server error.

GIVEN the full demo data
WHEN every page reachable from the navigation (and the first detail page linked from each) is
     rendered in German for an editor, an administrator of another organisation, a market
     customer and an anonymous visitor
THEN the visible text has no English thousands separators ("1,234,567", "1,234.56"), no decimal
     point before a unit or currency ("4.60 €", "3.5 kWh") and no table cell, definition or badge
     that is only a stored choice code ("HI"), and no page answers with a server error.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from tests.crawl import discover
from tests.german_format import problems, raw_codes

USERS = ["nalbach-editor", "saarlouis-admin", "kunde", None]


def test_english_formats_are_caught():
    codes = {"hi", "HI"}
    assert problems("<p>Preis 4.60 €</p>", codes)
    assert problems("<p>420,000,000 t</p>", codes)
    assert problems("<p>1,234.56 kWh</p>", codes)
    assert problems("<p>3.5 kWh</p>", codes)
    assert problems("<table><tr><td>HI</td></tr></table>", codes)
    assert not problems("<p>4,60 € · 1.234.567 t · 1.234,56 kWh · 0,064 t · 13.12.2026 09:00</p>", codes)
    assert not problems("<script>var x = '4.60 €';</script><p>4,60 €</p>", codes)


@pytest.mark.django_db
def test_every_page_renders_numbers_and_choices_in_german(settings):
    settings.LANGUAGE_CODE = "de"
    call_command("load_demo", verbosity=0)
    codes = raw_codes()
    found: list[str] = []
    pages = 0
    for username in USERS:
        client = Client(HTTP_ACCEPT_LANGUAGE="de")
        user = None
        if username:
            user = get_user_model().objects.get(username=username)
            client.force_login(user, backend="ikonnekt.accounts.backends.UsernameOrEmailBackend")
        rendered: dict[str, tuple[int, str]] = {}

        def get(url, client=client, rendered=rendered):
            if url not in rendered:
                response = client.get(url)
                is_html = "html" in response.get("Content-Type", "")
                rendered[url] = (response.status_code, response.content.decode() if is_html else "")
            return rendered[url]

        for url in discover(get, authenticated=bool(username), user=user):
            status, html = get(url)
            pages += 1
            who = username or "anonymous"
            if status >= 500:
                found.append(f"{who} {url}: server error {status}")
            found.extend(f"{who} {url}: {p}" for p in problems(html, codes))
    assert pages > 150
    assert not found, f"{len(found)} findings in {pages} pages:\n" + "\n".join(found)
