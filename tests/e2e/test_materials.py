"""E2E: open the demo green-waste scenario, run the optimisation, see the map and the cost split;
then the MFA Sankey diagram."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)


def test_green_waste_optimisation_map_and_cost_split(page, sign_in, live_server):
    call_command("load_demo", "--only", "materials")
    sign_in("saarlouis-editor", "Konnekt-Demo-2026")
    page.goto("/materials/green-waste/")
    page.get_by_role("link", name=re.compile("Gemeinsame Grüngutverwertung 2025")).click()
    page.wait_for_selector("#allocation-map")
    page.click("#run-optimisation")
    page.wait_for_selector(".alert-success, .alert.alert-success")
    # the map draws points, plants and allocated flows
    page.wait_for_selector("#allocation-map .leaflet-overlay-pane path, #allocation-map canvas")
    assert page.locator("#allocation-map").get_attribute("data-ready") == "1"
    split = page.locator("#cost-split-table")
    split.wait_for()
    text = split.inner_text()
    assert "Gemeinde Nalbach" in text and "Kreisstadt Saarlouis" in text
    assert "Nukleolus" in text and "mehr als allein" in text
    assert "Kern" in page.locator("#core-status").inner_text()
    assert "Bei dieser Aufteilung zahlen" in page.locator("#split-explanations").inner_text()
    page.locator("#how-computed summary").click()
    how = page.locator("#how-computed").inner_text()
    # the demo plant replaces natural gas at the BISKO set's 250 kg CO2e/MWh (GEMIS 4.95 "Erdgas-Hzg. 100 %")
    assert "Emissionsfaktor der ersetzten Wärme: 250 kg CO2e/MWh" in how and "Volllaststunden" in how
    assert page.locator("#municipality-table tbody tr").count() == 4
    # the MFA Sankey of the demo system renders with ECharts
    page.goto("/materials/systems/")
    page.get_by_role("link", name=re.compile("Grüngut-Stoffstrom")).click()
    page.wait_for_selector("#sankey canvas")
    assert "Kompostierung" in page.locator("#balance-table").inner_text()
