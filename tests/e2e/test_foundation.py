"""Main flow of the platform core in real headless Chromium.

GIVEN the demo organisations and cooperations
WHEN an editor of two organisations switches the organisation she acts for,
 AND the admin of Saarlouis creates a cooperation with Nalbach as partner
THEN it appears in the network view, Nalbach's viewer sees it and an outsider gets 404.
"""

import re

import pytest
from django.conf import settings
from django.core.management import call_command

from ikonnekt.cooperations.models import Goal

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = settings.DEMO_PASSWORD


def test_cooperation_flow(page, sign_in, live_server):
    call_command("load_demo", "--only", "cooperations", verbosity=0)

    sign_in("nalbach-editor", PASSWORD)
    assert page.locator("#active-org option:checked").inner_text().startswith("Gemeinde Nalbach")
    value = page.locator("#active-org option", has_text="Kreisstadt Saarlouis").get_attribute("value")
    # Choosing does not switch by itself (WCAG 3.2.2); the button submits. Wait for that
    # navigation, or the next sign-in races it.
    page.select_option("#active-org", value)
    with page.expect_navigation():
        page.click("#org-switch button")
    page.wait_for_load_state("networkidle")
    assert page.locator("#active-org option:checked").inner_text().startswith("Kreisstadt Saarlouis")

    sign_in("saarlouis-admin", PASSWORD)
    page.goto("/cooperations/new/")
    page.fill("#id_name", "Gemeinsamer Bauhof Saarlouis–Nalbach")
    goal = Goal.objects.get(key="administration")
    page.check(f"input[name=goals][value='{goal.pk}']")
    page.select_option("#id_form", "zweckvereinbarung")
    page.select_option("#id_status", "active")
    page.select_option("#id_visibility", "cooperation")
    page.select_option("#id_p-0-organisation", label="Gemeinde Nalbach")
    page.select_option("#id_p-0-part", "partner")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/cooperations/\d+/$"))
    detail_url = page.url
    assert "Gemeinsamer Bauhof" in page.inner_text("h1")
    assert "Gemeinde Nalbach" in page.inner_text("#participants")

    page.goto("/cooperations/network/")
    page.wait_for_selector("#network canvas")
    assert "Gemeinsamer Bauhof Saarlouis–Nalbach" in page.inner_text("#network-edges")

    sign_in("nalbach-viewer", PASSWORD)
    response = page.goto(detail_url)
    assert response.status == 200
    assert "Gemeinsamer Bauhof" in page.inner_text("h1")

    sign_in("erfurt-viewer", PASSWORD)
    response = page.goto(detail_url)
    assert response.status == 404
