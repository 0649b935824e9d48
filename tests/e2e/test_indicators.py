"""E2E: one figure from the green-waste scenario to the Vision 2100 goal page.

The demo publishes the heat from green waste of the scenario "Gemeinsame Grüngutverwertung 2025"
as a feed for the Landkreis Saarlouis; the target "Wärme aus Grüngut (Demo)" follows it. A planner
opens the circular chain, follows the heat figure to its series (provenance), from there to the
scenario where it is computed and to the goal page, where the same number is the target's value.
"""

import re

import pytest
from django.core.management import call_command

from ikonnekt.indicators.models import IndicatorSeries

pytestmark = pytest.mark.django_db(transaction=True)


def _number(text):
    """'6.488,6 MWh/a' → 6488.6 (German format on the pages)."""
    match = re.search(r"-?\d[\d.]*(?:,\d+)?", text)
    return float(match.group(0).replace(".", "").replace(",", "."))


def test_heat_from_green_waste_reaches_the_goal_page(page, sign_in, live_server):
    call_command("load_demo", "--only", "materials", "planning", "indicators")
    series = IndicatorSeries.objects.get(feed="materials.greenwaste_heat_mwh")
    computed = series.latest().value
    sign_in("saarlouis-editor", "Konnekt-Demo-2026")  # the scenario is shared with its cooperation

    page.goto("/indicators/chain/?region=landkreis-saarlouis&year=2025")
    heat = page.locator("#step-heat a").first
    shown = _number(heat.inner_text())
    assert shown == pytest.approx(computed, abs=0.1)

    # the series page explains where the figure comes from
    heat.click()
    page.wait_for_url(re.compile(rf"/indicators/{series.pk}/$"))
    provenance = page.locator("#provenance").inner_text()
    assert "Gemeinsame Grüngutverwertung 2025" in provenance
    assert _number(page.locator("#current-values tbody tr td.text-end").first.inner_text()) == pytest.approx(
        computed, abs=0.001
    )

    # … computed in the green-waste scenario
    page.locator("#provenance a").first.click()
    page.wait_for_url(re.compile(r"/materials/green-waste/\d+/$"))
    assert "Gemeinsame Grüngutverwertung 2025" in page.locator("h1").inner_text()
    page.go_back()

    # … and followed by the Vision 2100 target
    page.locator("#followers a", has_text="Wärme aus Grüngut").click()
    page.wait_for_selector("#node-feed")
    assert page.locator("#node-feed a").first.get_attribute("href").endswith(f"/indicators/{series.pk}/")
    latest = (
        page.locator("#series-table tbody tr").filter(has_text="Landkreis Saarlouis").locator("td").nth(1)
    )
    assert _number(latest.inner_text()) == pytest.approx(computed, abs=0.01)
    assert "Wie wird das berechnet?" in page.locator("#progress-explain").inner_text()
