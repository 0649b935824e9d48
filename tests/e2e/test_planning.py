"""A planner in Nalbach draws a Baulücke, records an owner's answer and sees it in the demand
balance; a goal's indicator gets a new value and the progress bar moves."""

import re

import pytest
from django.core.management import call_command

from ikonnekt.planning.models import GoalNode, Site

PASSWORD = "Konnekt-Demo-2026"


def _mobilisable(page):
    page.goto("/planning/balance/")
    return float(
        page.locator("#balance-table tr[data-org='nalbach'] td.mobilisable").inner_text().replace(",", ".")
    )


def _progress(page, node_id):
    page.goto("/planning/goals/")
    bar = page.locator(f"#goal-tree li[data-node='{node_id}'] [role=progressbar]")
    return int(bar.get_attribute("aria-valuenow"))


@pytest.mark.django_db(transaction=True)
def test_planner_draws_a_gap_records_an_answer_and_moves_a_goal(page, sign_in, live_server):
    call_command("load_demo", "--only", "planning")
    sign_in("nalbach-editor", PASSWORD)
    before = _mobilisable(page)

    # Draw a Baulücke: click four corners, double-click to finish.
    page.goto("/planning/sites/new/?category=gap")
    page.fill("#id_name", "Baulücke Testweg 7")
    page.select_option("#id_owner", label="Gemeinde Nalbach")
    page.click("#draw-polygon")
    box = page.locator("#draw-map").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for dx, dy in [(-60, -40), (60, -40), (60, 40)]:
        page.mouse.click(cx + dx, cy + dy)
    page.mouse.dblclick(cx - 60, cy + 40)
    page.wait_for_selector("#draw-area:has-text('m²')")
    assert "Polygon" in page.locator("#id_geometry").input_value()
    page.select_option("#id_planning_law", "s34")
    page.click("#site-save")
    page.wait_for_url(re.compile(r"/planning/sites/\d+/$"))
    site = Site.objects.get(name="Baulücke Testweg 7")
    assert site.owner.slug == "nalbach" and site.area_m2 > 100

    # Record an owner and the answer "willing to sell".
    page.click("#add-owner")
    page.fill("#id_name", "Karl Beispiel (Demo)")
    page.fill("#id_city", "Nalbach")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(rf"/planning/sites/{site.pk}/$"))
    form = page.locator(".answer-form").first
    form.locator("select[name=answer]").select_option("sell")
    form.locator("input[name=answered_on]").fill("2025-06-01")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#owner-list .owner-answer:has-text('verkaufsbereit')")

    after = _mobilisable(page)
    assert after == pytest.approx(before + site.area_m2 / 10000, abs=2e-3)

    # A new indicator value moves the goal's progress bar.
    node = GoalNode.objects.get(title="Baulücken aktivieren (Demo)")
    old = _progress(page, node.pk)
    page.goto(f"/planning/goals/{node.pk}/")
    page.select_option("#value-form select[name=municipality]", label="Gemeinde Nalbach")
    page.fill("#value-form input[name=year]", "2025")
    page.fill("#value-form input[name=value]", "30")
    page.click("#value-form button[type=submit]")
    page.wait_for_selector(".alert-success")
    new = _progress(page, node.pk)
    assert old == 43 and new == 75  # 17 → 30 of 40 Baulücken: 42.5 % → 75 %
