import datetime as dt

from ikonnekt.energy.models import (
    Building,
    BuildingGroup,
    EmissionFactorSet,
    EnergyReport,
    Measure,
    Meter,
    Quarter,
    QuarterBuilding,
    Reading,
    ReadingImport,
    Variant,
    WeatherStation,
)
from tests.factories import factory


@factory(Building)
def make_building(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    building = Building.objects.create(
        name=f"Testgebäude {Building.objects.count() + 1}",
        use_type="school",
        reference_area=1000,
        area_kind="ngf",
        owner=owner,
        visibility=visibility,
        created_by=created_by,
    )
    building.shared_with.set(shared_with)
    return building


@factory(BuildingGroup)
def make_group(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    group = BuildingGroup.objects.create(
        name="Gruppe", owner=owner, visibility=visibility, created_by=created_by
    )
    group.shared_with.set(shared_with)
    return group


@factory(WeatherStation)
def make_station(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    station = WeatherStation.objects.create(
        name="Station", long_term_degree_days=3300, owner=owner, visibility=visibility, created_by=created_by
    )
    station.shared_with.set(shared_with)
    return station


@factory(EnergyReport)
def make_report(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    report = EnergyReport.objects.create(
        title="Bericht",
        year=2025,
        factor_set=EmissionFactorSet.objects.get(method="bisko", year=2024),
        owner=owner,
        visibility=visibility,
        created_by=created_by,
    )
    report.shared_with.set(shared_with)
    return report


@factory(Quarter)
def make_quarter(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    quarter = Quarter.objects.create(
        name="Quartier",
        factor_set=EmissionFactorSet.objects.get(method="bisko", year=2024),
        owner=owner,
        visibility=visibility,
        created_by=created_by,
    )
    quarter.shared_with.set(shared_with)
    return quarter


@factory(Meter)
def make_meter(cast, **kwargs):
    building = make_building(cast, **kwargs)
    return Meter.objects.create(
        building=building, number="Z1", name="Strom", carrier="electricity", unit="kWh"
    )


@factory(Reading)
def make_reading(cast, **kwargs):
    meter = make_meter(cast, **kwargs)
    return Reading.objects.create(meter=meter, timestamp=dt.datetime(2025, 1, 1, tzinfo=dt.UTC), value=100)


@factory(ReadingImport)
def make_import(cast, **kwargs):
    meter = make_meter(cast, **kwargs)
    return ReadingImport.objects.create(
        meter=meter, file="energy/imports/x.csv", original_name="x.csv", kind="cumulative"
    )


@factory(Measure)
def make_measure(cast, **kwargs):
    building = make_building(cast, **kwargs)
    return Measure.objects.create(building=building, title="LED", carrier="electricity")


@factory(QuarterBuilding)
def make_quarter_building(cast, **kwargs):
    quarter = make_quarter(cast, **kwargs)
    return QuarterBuilding.objects.create(quarter=quarter, name="EFH", area=140, heat_demand=120)


@factory(Variant)
def make_variant(cast, **kwargs):
    quarter = make_quarter(cast, **kwargs)
    return Variant.objects.create(
        quarter=quarter, name="Gas", heat_source="gas_boiler", efficiency=0.95, capex=10000
    )
