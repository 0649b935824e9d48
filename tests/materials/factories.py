from ikonnekt.materials.models import CollectionPoint, GreenWasteScenario, MfaSystem, Plant, Process
from tests.factories import factory


@factory(MfaSystem)
def make_system(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    system = MfaSystem.objects.create(
        name=f"Testsystem {MfaSystem.objects.count() + 1}",
        owner=owner,
        visibility=visibility,
        created_by=created_by,
    )
    system.shared_with.set(shared_with)
    Process.objects.create(system=system, name="P")
    return system


@factory(GreenWasteScenario)
def make_scenario(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    scenario = GreenWasteScenario.objects.create(
        name=f"Testszenario {GreenWasteScenario.objects.count() + 1}",
        owner=owner,
        visibility=visibility,
        created_by=created_by,
    )
    scenario.shared_with.set(shared_with)
    CollectionPoint.objects.create(
        scenario=scenario, name="Platz A", municipality=owner, latitude=49.3, longitude=6.75, quantity_t=100
    )
    Plant.objects.create(
        scenario=scenario,
        name="Anlage",
        kind="composting",
        latitude=49.32,
        longitude=6.7,
        capacity_t=1000,
        gate_fee=40,
    )
    return scenario


@factory(CollectionPoint)
def make_collection_point(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    """The collection point a new scenario comes with (it inherits the scenario's visibility)."""
    scenario = make_scenario(
        cast, owner=owner, visibility=visibility, created_by=created_by, shared_with=shared_with
    )
    return scenario.points.get()
