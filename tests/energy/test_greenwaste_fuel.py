"""A quarter's biomass variant taking fuel quantity and price from a green-waste scenario."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ikonnekt.core.audit import Actor
from ikonnekt.energy import concepts, greenwaste_fuel
from ikonnekt.energy.models import EmissionFactorSet, Quarter, QuarterBuilding, Variant
from ikonnekt.materials.models import CollectionPoint, GreenWasteScenario, Plant
from tests.energy.test_views import _station_with_year

pytestmark = pytest.mark.django_db


def test_price_from_cost_per_tonne_and_heating_value():
    # 45 €/t ÷ (0.9 MWh/t × 1000 kWh/MWh) × 100 ct/€ = 5 ct/kWh
    assert greenwaste_fuel.price_ct_per_kwh(45.0, 0.9) == pytest.approx(5.0)


def test_fuel_the_plant_cannot_supply_is_bought_at_the_quarter_price():
    # 200,000 kWh needed, 60,000 kWh from the plant at 5 ct, 140,000 kWh at 4 ct:
    # (60,000 × 5 + 140,000 × 4) ÷ 200,000 = 860,000 ÷ 200,000 = 4.3 ct/kWh
    assert greenwaste_fuel.blended_price(200_000, 60_000, 5.0, 4.0) == pytest.approx(4.3)
    assert greenwaste_fuel.blended_price(50_000, 60_000, 5.0, None) == pytest.approx(5.0)


def _scenario(cast, owner=None, visibility="platform"):
    """A scenario whose (hand-made) optimisation sends the 100 t of org A's point to one biomass
    plant with 60 MWh of heat; org A's cost: 4,500 € for 100 t = 45 €/t."""
    owner = owner or cast.org_a
    scenario = GreenWasteScenario.objects.create(
        name="Grüngut gemeinsam", owner=owner, visibility=visibility, created_by=cast.a_editor, year=2025
    )
    point = CollectionPoint.objects.create(
        scenario=scenario,
        name="Platz",
        municipality=cast.org_a,
        latitude=49.3,
        longitude=6.75,
        quantity_t=100,
    )
    plant = Plant.objects.create(
        scenario=scenario,
        name="Heizwerk",
        kind="biomass",
        latitude=49.31,
        longitude=6.74,
        capacity_t=1000,
        energy_yield=2.0,
        woody_share=0.3,
    )
    result = {
        "flows": [{"point": str(point.pk), "plant": str(plant.pk), "tonnes": 100.0}],
        "plants": [{"plant": str(plant.pk), "name": "Heizwerk", "tonnes": 100.0, "energy_mwh": 60.0}],
        "municipalities": [{"municipality": cast.org_a.name, "tonnes": 100.0, "cost": 4500.0}],
    }
    GreenWasteScenario.objects.filter(pk=scenario.pk).update(result=result)
    scenario.refresh_from_db()
    return scenario


def _quarter(cast, price_wood=4):
    q = Quarter.objects.create(
        name="Q",
        owner=cast.org_a,
        visibility="platform",
        station=_station_with_year(cast.org_a),
        factor_set=EmissionFactorSet.objects.get(method="bisko", year=2024),
        price_electricity=30,
        price_wood=price_wood,
    )
    QuarterBuilding.objects.create(quarter=q, name="EFH", count=10, area=140, heat_demand=120)
    variant = Variant.objects.create(
        quarter=q, name="Nahwärme", heat_source="biomass_network", efficiency=0.85, capex=300000
    )
    return q, variant


def _fuel_line(result):
    return next(line for line in result["lines"] if line["key"] == "fuel_cost")


def test_the_biomass_variant_takes_quantity_and_price_from_the_scenario(cast, client_for):
    scenario = _scenario(cast)
    quarter, variant = _quarter(cast, price_wood=4)
    greenwaste_fuel.set_link(Actor(user=cast.a_editor), variant, scenario, 0.9)
    data = concepts.compare(quarter, with_sensitivity=False)
    [(v, result, error, _t)] = data["results"]
    assert error is None
    link = data["fuel_links"][variant.pk]
    assert (link.plant, link.available_mwh, link.cost_per_t) == ("Heizwerk", 60.0, 45.0)
    assert link.price_ct == pytest.approx(5.0)
    # fuel demand F (VDI 2067-1 calculation): 10 × 140 m² × (120 + 12) kWh/m²a ÷ 0.85 = 217,411.8 kWh;
    # 60,000 kWh at 5 ct and the rest at the quarter's 4 ct/kWh
    fuel = result["fuel_kwh"]
    assert fuel == pytest.approx(10 * 140 * 132 / 0.85, rel=1e-6)
    expected = (60_000 * 5.0 + (fuel - 60_000) * 4.0) / fuel
    assert _fuel_line(result)["price"] == pytest.approx(expected)
    assert link.covered_mwh == pytest.approx(60.0)
    # the quarter page shows where quantity and price come from
    page = (
        client_for(cast.a_viewer).get(quarter.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    )
    assert f'id="fuel-link-{variant.pk}"' in page
    assert scenario.get_absolute_url() in page
    assert "Heizwerk" in page


def test_a_deleted_scenario_is_shown_as_a_broken_link(cast, client_for):
    scenario = _scenario(cast)
    quarter, variant = _quarter(cast)
    greenwaste_fuel.set_link(Actor(user=cast.a_editor), variant, scenario, 0.9)
    scenario.delete()
    variant.refresh_from_db()
    assert variant.fuel_scenario is None and variant.fuel_scenario_name == "Grüngut gemeinsam"
    data = concepts.compare(quarter, with_sensitivity=False)
    [(_v, result, error, _t)] = data["results"]
    assert result is None and "Grüngut gemeinsam" in error  # not silently calculated with a typed price
    page = client_for(cast.a_editor).get(quarter.get_absolute_url()).content.decode()
    assert "fuel-problem" in page


def test_a_scenario_no_longer_visible_to_the_quarter_owner_breaks_the_link(cast):
    scenario = _scenario(cast, owner=cast.org_b, visibility="platform")
    quarter, variant = _quarter(cast)
    greenwaste_fuel.set_link(Actor(user=cast.a_editor), variant, scenario, 0.9)
    GreenWasteScenario.objects.filter(pk=scenario.pk).update(visibility="private")
    link = greenwaste_fuel.link_of(Variant.objects.get(pk=variant.pk))
    assert "nicht mehr sichtbar" in link.problem or "no longer visible" in link.problem


def test_only_visible_scenarios_and_biomass_variants_link(cast, client_for):
    hidden = _scenario(cast, owner=cast.org_b, visibility="private")
    quarter, variant = _quarter(cast)
    with pytest.raises(ValidationError):
        greenwaste_fuel.set_link(Actor(user=cast.a_editor), variant, hidden, 0.9)
    gas = Variant.objects.create(
        quarter=quarter, name="Gas", heat_source="gas_boiler", efficiency=0.95, capex=1
    )
    with pytest.raises(ValidationError):
        greenwaste_fuel.set_link(Actor(user=cast.a_editor), gas, _scenario(cast), 0.9)
    # the page offers only visible scenarios and saves the link
    client = client_for(cast.a_editor)
    url = reverse("energy:variant_fuel", args=[variant.pk])
    page = client.get(url).content.decode()
    options = page.split('name="scenario"', 1)[1].split("</select>", 1)[0]
    visible = GreenWasteScenario.objects.filter(owner=cast.org_a).first()
    assert f'value="{visible.pk}"' in options and f'value="{hidden.pk}"' not in options
    # typed as a German user types it
    response = client.post(url, {"scenario": visible.pk, "heating_value": "0,9"}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 302, response.context["form"].errors
    variant.refresh_from_db()
    assert variant.fuel_scenario == visible
    assert float(variant.fuel_heating_value) == pytest.approx(0.9)
    assert client_for(cast.b_editor).get(url).status_code == 403  # sees the quarter, may not edit it


def test_pdf_and_xlsx_explain_where_the_fuel_quantity_and_price_come_from(cast, client_for):
    import io

    import openpyxl
    from pypdf import PdfReader

    scenario = _scenario(cast)
    quarter, variant = _quarter(cast, price_wood=4)
    greenwaste_fuel.set_link(Actor(user=cast.a_editor), variant, scenario, 0.9)
    client = client_for(cast.a_viewer)
    # by hand: 4,500 € / 100 t = 45 €/t; 45 ÷ (0.9 × 1000) × 100 = 5.00 ct/kWh; fuel demand
    # 10 × 140 m² × 132 kWh/m²a ÷ 0.85 = 217,411.8 kWh = 217.4 MWh, 60.0 MWh from the plant, rest 157.4 MWh
    # at 4 ct: (60,000 × 5 + 157,411.8 × 4) ÷ 217,411.8 = 929,647.1 ÷ 217,411.8 = 4.276 → 4,28 ct/kWh
    expected = [
        "Brennstoff aus dem Grüngut-Szenario „Grüngut gemeinsam“",
        "Brennstoffmenge: 60,0 MWh/a – Wärme der Anlage „Heizwerk“",
        "Brennstoffpreis: 45,00 €/t ÷ (0,900 MWh/t × 1.000 kWh/MWh) × 100 = 5,00 ct/kWh",
        "Brennstoffbedarf der Variante: 217,4 MWh/a, davon aus dem Szenario 60,0 MWh/a",
        "(60,0 MWh × 5,00 ct/kWh + 157,4 MWh × 4,00 ct/kWh) ÷ 217,4 MWh = 4,28 ct/kWh",
    ]
    response = client.get(reverse("energy:quarter_xlsx", args=[quarter.pk]), HTTP_ACCEPT_LANGUAGE="de")
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    computation = [row for row in wb["Rechenweg"].iter_rows(values_only=True) if row[0] == "Brennstoffpreis"]
    assert len(computation) == 1 and computation[0][1] == "Nahwärme"
    for part in expected:
        assert part in computation[0][2], (part, computation[0][2])
    assumptions = [cell for row in wb["Annahmen"].iter_rows(values_only=True) for cell in row if cell]
    assert any(expected[2] in str(cell) for cell in assumptions)
    response = client.get(reverse("energy:quarter_pdf", args=[quarter.pk]), HTTP_ACCEPT_LANGUAGE="de")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())  # line breaks of the PDF layout
    assert "Brennstoff aus Grüngut-Szenarien" in text
    for part in expected:
        assert " ".join(part.split()) in text, part


def test_the_links_of_a_quarter_take_the_same_queries_for_one_or_three_linked_variants(cast):
    """#18: the quarter page reads every variant's fuel link; the queries do not grow with them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    quarter, variant = _quarter(cast)
    greenwaste_fuel.set_link(Actor(user=cast.a_editor), variant, _scenario(cast, owner=cast.org_b), 0.9)

    def queries():
        variants = list(quarter.variants.select_related("fuel_scenario"))
        quarter.owner  # noqa: B018 - loaded before counting, as the page has it
        with CaptureQueriesContext(connection) as ctx:
            links = greenwaste_fuel.links_of(quarter, variants)
        return len(ctx.captured_queries), links

    one, links = queries()
    assert links[variant.pk].problem == "" and links[variant.pk].plant == "Heizwerk"
    for name in ("Zweite", "Dritte"):
        more = Variant.objects.create(
            quarter=quarter, name=name, heat_source="biomass_network", efficiency=0.85, capex=1
        )
        greenwaste_fuel.set_link(Actor(user=cast.a_editor), more, _scenario(cast, owner=cast.org_b), 0.9)
    three, links = queries()
    assert len(links) == 3 and all(link.plant == "Heizwerk" for link in links.values())
    assert three == one
