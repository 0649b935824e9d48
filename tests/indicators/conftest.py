import pytest

from ikonnekt.materials.models import CollectionPoint, GreenWasteScenario, Plant


@pytest.fixture
def scenario(cast, django_capture_on_commit_callbacks):
    """One collection point (100 t) and one biomass plant: 30 % woody share, 2.0 MWh/t, replaced
    heat 240 kg CO2e/MWh, so heat = 100 t × 0.3 × 2.0 MWh/t = 60 MWh and CO2e avoided =
    60 MWh × 240 kg/MWh = 14,400 kg = 14.4 t. Created as if committed (its on-commit checks ran)."""
    with django_capture_on_commit_callbacks(execute=True):
        return _scenario(cast)


def _scenario(cast):
    scenario = GreenWasteScenario.objects.create(
        name="Grüngut Testregion",
        owner=cast.org_a,
        visibility="platform",
        created_by=cast.a_editor,
        year=2025,
    )
    CollectionPoint.objects.create(
        scenario=scenario,
        name="Platz",
        municipality=cast.org_a,
        latitude=49.30,
        longitude=6.75,
        quantity_t=100,
    )
    Plant.objects.create(
        scenario=scenario,
        name="Heizwerk",
        kind="biomass",
        latitude=49.31,
        longitude=6.74,
        capacity_t=1000,
        gate_fee=30,
        energy_yield=2.0,
        woody_share=0.3,
        heat_ef=240,
    )
    return scenario


def optimise(scenario, actor):
    from ikonnekt.materials import actions
    from ikonnekt.materials.greenwaste import optimise_scenario

    actions.save_optimisation(actor, scenario, optimise_scenario(scenario, pareto_steps=2))
    scenario.refresh_from_db()
    return scenario
