"""A planner rates the Primsaue, sees the score, creates variant B, compares and downloads the PDF."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command

from ikonnekt.assessment.models import Assessment


@pytest.mark.django_db(transaction=True)
def test_planner_assesses_primsaue_and_compares_variants(page, sign_in, live_server):
    call_command("load_demo", "--only", "assessment", verbosity=0)
    sign_in("nalbach-editor", settings.DEMO_PASSWORD)

    page.goto("/assessment/")
    page.get_by_role("link", name="Gewerbegebiet Primsaue (Demo)").click()
    page.locator("#assessment-list").get_by_role("link", name="Planung Variante A").click()
    total_before = page.locator("#total-score").inner_text()

    # Rate: the first measure of the first category via the keyboard (key "0"), autosaved by htmx.
    page.locator("#fill-link").click()
    page.wait_for_load_state("load")
    form = page.locator("form.rating-form").first
    measure_id = form.get_attribute("data-measure")
    form.locator("input[name=level]").first.focus()
    page.keyboard.press("0")
    page.locator(f"#state-{measure_id} .bi-check2").wait_for()
    total_after = page.locator("#score-panel #total-score").inner_text()
    assert total_after != total_before
    # "not applicable" without a reason is refused with a message
    form.locator("label", has_text=re.compile("n/a|n. a.")).click()
    page.locator(f"#state-{measure_id} .bi-exclamation-triangle").wait_for()

    page.locator("#done-link").click()
    assert page.locator("#total-score").inner_text() == total_after

    # Variant B from this scenario
    page.fill("#variant-form input[name=scenario]", "Variante B")
    page.locator("#variant-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/fill/"))
    page.wait_for_load_state("load")
    variant = Assessment.objects.get(scenario="Variante B")
    second = page.locator("form.rating-form").nth(1)
    second_id = second.get_attribute("data-measure")
    second.locator("label").nth(1).click()  # level 1
    page.locator(f"#state-{second_id} .bi-check2").wait_for()

    # Compare with variant A
    page.goto(f"/assessment/assessments/{variant.pk}/")
    variant_a = Assessment.objects.get(scenario="Planung Variante A")
    page.select_option("#compare-with", value=str(variant_a.pk))
    page.locator("#compare-with + button").click()
    page.locator("#compare-table").wait_for()
    assert "Variante B" in page.locator("#compare-table thead").inner_text()
    assert "Planung Variante A" in page.locator("#compare-table thead").inner_text()
    page.locator("[data-echarts='compare-chart'][data-ready='1']").wait_for()

    # PDF download
    page.goto(f"/assessment/assessments/{variant.pk}/")
    href = page.locator("#pdf-link").get_attribute("href")
    response = page.request.get(href, timeout=90000)  # the browser's session downloads the file
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert "attachment" in response.headers["content-disposition"]
    assert response.body()[:4] == b"%PDF"
