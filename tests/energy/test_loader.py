"""The bulk loader gives the same figures as the per-meter queries, in a number of queries that
does not grow with buildings, meters or months."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ikonnekt.energy import services
from ikonnekt.energy.alerts import building_alerts
from ikonnekt.energy.loader import preload
from ikonnekt.energy.models import (
    Building,
    DailyTemperature,
    EmissionFactorSet,
    IntervalReading,
    Meter,
    Reading,
    WeatherStation,
)

UTC = dt.UTC


def _building(cast, station, n):
    building = Building.objects.create(
        name=f"Schule {n}", use_type="school", reference_area=1000, owner=cast.org_a, station=station
    )
    gas = Meter.objects.create(
        building=building, number=f"G{n}", name="Gas", carrier="natural_gas", unit="kWh"
    )
    power = Meter.objects.create(
        building=building, number=f"S{n}", name="Strom", carrier="electricity", unit="kWh", kind="interval"
    )
    Meter.objects.create(
        building=building,
        number=f"V{n}",
        name="Rest",
        carrier="natural_gas",
        unit="kWh",
        kind="virtual",
        formula=f"G{n}",
    )
    value = 1000.0
    for year in (2024, 2025):
        for month in range(1, 13):
            value += 900 + 100 * n + (12 - month) * 50
            Reading.objects.create(meter=gas, timestamp=dt.datetime(year, month, 1, tzinfo=UTC), value=value)
            IntervalReading.objects.create(
                meter=power,
                start=dt.datetime(year, month, 10, 12, tzinfo=UTC),
                minutes=15,
                value=10.0 + month,
            )
    return building


def _buildings():
    return list(
        Building.objects.select_related("station").prefetch_related("meters__tariffs", "meters__exchanges")
    )


@pytest.mark.django_db
def test_preloaded_figures_equal_the_per_meter_queries_and_queries_stay_constant(cast):
    station = WeatherStation.objects.create(name="Station", long_term_degree_days=3300, owner=cast.org_a)
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=i) for i in range(365)]
    DailyTemperature.objects.bulk_create(
        DailyTemperature(station=station, date=day, mean_temperature=5 + (day.month % 6)) for day in days
    )
    factors = EmissionFactorSet.objects.get(method="bisko", year=2024).factors()
    refs = services._reference_values()
    for n in range(2):
        _building(cast, station, n)

    plain = [services.building_year(b, 2025, factors, refs) for b in _buildings()]
    plain_alerts = [building_alerts(b, 2025) for b in _buildings()]
    loaded_buildings = _buildings()
    with CaptureQueriesContext(connection) as few:
        preload(loaded_buildings, [2024, 2025], alerts=True)
        loaded = [services.building_year(b, 2025, factors, refs) for b in loaded_buildings]
        loaded_alerts = [building_alerts(b, 2025) for b in loaded_buildings]
    for a, b in zip(plain, loaded, strict=True):
        assert a["heat"] == pytest.approx(b["heat"]) and a["heat"] > 0
        assert a["electricity"] == pytest.approx(b["electricity"]) and a["electricity"] > 0
        assert a["heat_normalised"] == pytest.approx(b["heat_normalised"])
        assert a["months_heat"] == pytest.approx(b["months_heat"])
        assert a["degree_days"] == b["degree_days"] is not None
    assert [[str(t) for _s, t in x] for x in plain_alerts] == [[str(t) for _s, t in x] for x in loaded_alerts]

    for n in range(2, 6):  # three times the buildings: the same number of queries
        _building(cast, station, n)
    more = _buildings()
    with CaptureQueriesContext(connection) as many:
        preload(more, [2024, 2025], alerts=True)
        for b in more:
            services.building_year(b, 2025, factors, refs)
            building_alerts(b, 2025)
    # readings, interval sums of both years, temperatures, last intervals and their samples
    assert len(few) == len(many) == 5


@pytest.mark.django_db
def test_station_temperatures_worked_by_hand(cast):
    """Monthly means and G20/15 (VDI 3807-1: sum of 20 °C − t over the days below 15 °C) of a
    station with a few days, worked by hand; days of the years around must not count.

    2025: Jan −2.0, 4.0, 1.0 → mean 1.0; Feb 3.5, 6.5 → mean 5.0; Jul 15.0 (at the limit: no
    degree days); Aug 18.0. Days: 7. G20/15 = 22 + 16 + 19 + 16.5 + 13.5 = 87.0 (Jul, Aug add 0)."""
    from ikonnekt.energy.loader import station_temperatures
    from tests.energy.factories import make_station

    station = make_station(cast, owner=cast.org_a)
    days = {
        dt.date(2024, 12, 31): 100.0,
        dt.date(2025, 1, 1): -2.0,
        dt.date(2025, 1, 15): 4.0,
        dt.date(2025, 1, 31): 1.0,
        dt.date(2025, 2, 10): 3.5,
        dt.date(2025, 2, 28): 6.5,
        dt.date(2025, 7, 1): 15.0,
        dt.date(2025, 8, 20): 18.0,
        dt.date(2026, 1, 1): 100.0,
    }
    DailyTemperature.objects.bulk_create(
        DailyTemperature(station=station, date=day, mean_temperature=t) for day, t in days.items()
    )
    degree_days, months = station_temperatures([station], [2025], month_years=[2025])
    count, gt = degree_days[(station.pk, 2025)]
    assert count == 7
    assert gt == pytest.approx(87.0)
    means = months[(station.pk, 2025)]
    assert means[0] == pytest.approx(1.0)
    assert means[1] == pytest.approx(5.0)
    assert means[6] == pytest.approx(15.0)
    assert means[7] == pytest.approx(18.0)
    assert [means[i] for i in (2, 3, 4, 5, 8, 9, 10, 11)] == [None] * 8
