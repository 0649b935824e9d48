"""Browser crawl over the demo: every navigation page and the main detail pages of each module.

GIVEN the full demo data
WHEN an editor (Nalbach), an administrator of another organisation (Saarlouis), a market customer and
     an anonymous visitor open every page reachable from the navigation (and, for the editor, the
     first detail page linked from each of them) in Chromium
THEN no page has a JavaScript console error or uncaught error, no image/script/style/media request
     fails (status >= 400), and no chart or map container is left empty.

Runtime is kept to a few minutes: each view is opened once per user (the first linked object), and
the other users open the pages the editor's crawl did not already cover for their role.
"""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from tests.crawl import discover

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = settings.DEMO_PASSWORD
USERS = ["nalbach-editor", "saarlouis-admin", "kunde", None]
# Pages known to need a search without results (the map must not throw on empty bounds).
EXTRA = ["/planning/exchange/?q=KeinTrefferXYZ", "/market/exchange/?q=KeinTrefferXYZ"]

EMPTY_CONTAINERS_JS = """
() => Array.from(document.querySelectorAll('[data-echarts], [data-map], .chart, .map'))
  .filter(el => el.offsetParent !== null)
  .filter(el => !el.querySelector('canvas, svg, .leaflet-pane, img, table'))
  .map(el => el.id || el.className)
"""


def _urls_for(username):
    client = Client(HTTP_ACCEPT_LANGUAGE="de")
    user = None
    if username:
        user = get_user_model().objects.get(username=username)
        client.force_login(user, backend="ikonnekt.accounts.backends.UsernameOrEmailBackend")

    def get(url):
        response = client.get(url)
        html = (
            response.content.decode("utf-8", "replace") if "html" in response.get("Content-Type", "") else ""
        )
        return response.status_code, html

    return discover(get, authenticated=bool(username), user=user)


def _watch(page, problems, current):
    def on_console(msg):
        if msg.type == "error":
            problems.append(f"{current[0]}: console error: {msg.text}")

    def on_page_error(exc):
        problems.append(f"{current[0]}: page error: {exc}")

    def on_response(response):
        request = response.request
        if request.resource_type != "document" and response.status >= 400:
            problems.append(
                f"{current[0]}: {request.resource_type} {response.url} answered {response.status}"
            )

    def on_failed(request):
        # net::ERR_ABORTED is Chromium cancelling a request because the crawl already navigated on
        # (seen for the favicon, which Chromium fetches after the load event); a missing file
        # answers with a status and is caught by on_response above.
        if request.resource_type != "document" and "ERR_ABORTED" not in (request.failure or ""):
            problems.append(f"{current[0]}: {request.resource_type} {request.url} failed: {request.failure}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    page.on("response", on_response)
    page.on("requestfailed", on_failed)


def test_crawl_every_page_as_four_users(page, sign_in, live_server):
    call_command("load_demo", verbosity=0)
    problems: list[str] = []
    current = [""]
    _watch(page, problems, current)
    covered: set[str] = set()
    opened = 0
    for username in USERS:
        if username:
            sign_in(username, PASSWORD)
        else:
            page.context.clear_cookies()
        urls = _urls_for(username)
        if username is None or username == USERS[0]:
            urls += EXTRA
        for url in urls:
            # Signed-in users after the editor open what the editor did not (their own objects,
            # pages only their role has); the anonymous visitor opens everything public.
            if username not in (USERS[0], None) and url in covered:
                continue
            covered.add(url)
            current[0] = f"{username or 'anonymous'} {url}"
            try:
                response = page.goto(url, wait_until="load")
            except Exception as exc:  # a download link is not a page
                if "Download is starting" in str(exc):
                    continue
                raise
            opened += 1
            if response is not None and response.status >= 500:
                problems.append(f"{current[0]}: page answered {response.status}")
                continue
            if page.locator("[data-echarts], [data-map], .chart, .map").count():
                page.wait_for_timeout(300)  # charts and maps draw after DOMContentLoaded
                empty = page.evaluate(EMPTY_CONTAINERS_JS)
                if empty:
                    problems.append(f"{current[0]}: empty chart/map container(s): {empty}")
    assert opened > 100
    assert not problems, f"{len(problems)} problems in {opened} pages:\n" + "\n".join(problems)


def test_agreements_and_documents_fit_a_phone(page, sign_in, live_server):
    """On a 390 px phone the agreements table scrolls inside its box (the page does not get
    1,010 px wide) and the document filters are styled form controls."""
    call_command("load_demo", "--only", "administration", "documents", verbosity=0)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in("nalbach-editor", PASSWORD)
    for url in ("/administration/agreements/", "/documents/"):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{url} is {width} px wide on a 390 px phone"
    unstyled = page.evaluate(
        "Array.from(document.querySelectorAll('form[method=get] select, form[method=get] input:not([type=hidden]):not([type=checkbox])'))"
        ".filter(el => !el.classList.contains('form-select') && !el.classList.contains('form-control')).map(el => el.name)"
    )
    assert not unstyled, unstyled
