"""The yearly balances stored by their inputs (energy.year_figures): the same rows as computed
directly, computed once while nothing changes, computed again after any change to an input."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import models
from django.utils import translation

from ikonnekt.energy import services, year_figures
from ikonnekt.energy.models import (
    Building,
    DailyTemperature,
    EmissionFactorSet,
    Meter,
    MeterExchange,
    Reading,
    ReferenceValue,
    Tariff,
)

pytestmark = pytest.mark.django_db


def _plain(value):
    """A row comparable across computations: model objects by their class and id."""
    if isinstance(value, models.Model):
        return (type(value).__name__, value.pk)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@pytest.fixture
def demo(cast):
    call_command("load_demo", "--only", "energy", verbosity=0)
    year = dt.date.today().year - 1
    factors = EmissionFactorSet.objects.filter(method="bisko").order_by("-year").first().factors()
    return year, factors


def _buildings():
    return list(Building.objects.select_related("station").order_by("pk"))


def _direct(year, factors, references):
    loaded = Building.objects.select_related("station").prefetch_related(
        "meters__tariffs", "meters__exchanges"
    )
    return {b.pk: services.building_year(b, year, factors, references) for b in loaded.order_by("pk")}


def test_stored_rows_are_those_computed_directly(demo):
    year, factors = demo
    references = services._reference_values()
    for language in ("de", "en"):
        with translation.override(language):
            direct = {y: _direct(y, factors, references) for y in (year - 1, year)}
            buildings = _buildings()
            for _round in ("computed", "stored"):
                figures = year_figures.building_years(buildings, [year - 1, year], factors, references)
                for b in buildings:
                    for y in (year - 1, year):
                        row = figures[b.pk][y]
                        assert row["building"] is b  # the caller's object, not a stored copy
                        assert _plain(row) == _plain(direct[y][b.pk])
    assert any(r["heat_normalised"] for r in direct[year].values())  # the demo has normalised heat
    assert any(r["weather"].get("station") for r in direct[year].values())
    # two readings that trade their values keep count, last id and sum; the weighted sum differs
    building = buildings[0]
    meter = Meter.objects.filter(building=building, parent=None).exclude(kind="virtual").first()
    a, b = meter.readings.order_by("timestamp")[1:3]
    before = year_figures.fingerprints([building], [year])
    Reading.objects.filter(pk=a.pk).update(value=b.value)
    Reading.objects.filter(pk=b.pk).update(value=a.value)
    assert year_figures.fingerprints([building], [year]) != before


def test_computed_once_then_again_after_any_change_to_an_input(demo, monkeypatch, django_assert_num_queries):
    year, factors = demo
    references = services._reference_values()
    computed = []
    original = services.building_year

    def counting(building, y, *args, **kwargs):
        computed.append((building.pk, y))
        return original(building, y, *args, **kwargs)

    monkeypatch.setattr(services, "building_year", counting)
    buildings = _buildings()
    first = year_figures.building_years(buildings, [year], factors, references)
    assert len(computed) == len(buildings)
    with django_assert_num_queries(1):  # the fingerprints; no building uses DWD climate factors here
        again = year_figures.building_years(buildings, [year], factors, references)
    assert len(computed) == len(buildings)  # nothing computed again
    assert {pk: _plain(r[year]) for pk, r in again.items()} == {
        pk: _plain(r[year]) for pk, r in first.items()
    }

    target = buildings[0]
    meter = Meter.objects.filter(building=target, parent=None).exclude(kind="virtual").first()
    last = meter.readings.order_by("-timestamp").first()

    def recomputed():
        before = len(computed)
        rows = year_figures.building_years(_buildings(), [year], factors, references)
        return [pk for pk, _y in computed[before:]], rows

    changes = [
        lambda: Reading.objects.create(meter=meter, timestamp=last.timestamp + dt.timedelta(days=1), value=last.value + 5),
        lambda: Tariff.objects.create(meter=meter, valid_from=dt.date(year, 1, 1), energy_price=99, base_price=1),
        lambda: MeterExchange.objects.create(
            meter=meter, timestamp=last.timestamp + dt.timedelta(days=2), old_final_reading=last.value + 6,
            new_initial_reading=0,
        ),
        lambda: Meter.objects.filter(pk=meter.pk).update(conversion_factor=2),
        lambda: Building.objects.filter(pk=target.pk).update(reference_area=123),  # no updated_at change
        lambda: DailyTemperature.objects.create(
            station=target.station, date=dt.date(year, 12, 31) + dt.timedelta(days=400), mean_temperature=3.5
        ),
    ]  # fmt: skip
    for change in changes:
        change()
        again, rows = recomputed()
        assert target.pk in again, change
        if change is changes[4]:
            assert rows[target.pk][year]["specific_heat"] != first[target.pk][year]["specific_heat"]
    # other emission factors, another reference value, another language: every building again
    for other in (
        lambda: year_figures.building_years(_buildings(), [year], {**factors, "gas": 1.0}, references),
        lambda: year_figures.building_years(
            _buildings(), [year], factors, {**references, ("school", "heat"): ReferenceValue(guide_value=1)}
        ),
    ):
        before = len(computed)
        other()
        assert len(computed) - before == len(buildings)
    before = len(computed)
    with translation.override("en" if translation.get_language() != "en" else "de"):
        year_figures.building_years(_buildings(), [year], factors, references)
    assert len(computed) - before == len(buildings)


# Europe/Berlin in winter: 1 January 00:00 local is a year boundary
BERLIN = dt.timezone(dt.timedelta(hours=1))


def _electricity_meter(cast, name, use_type, readings):
    """A visible building of organisation A (1,000 m² NGF) with one electricity meter and its readings."""
    building = Building.objects.create(
        name=name, use_type=use_type, reference_area=1000, area_kind="ngf", owner=cast.org_a,
        visibility="platform", created_by=cast.a_admin,
    )  # fmt: skip
    meter = Meter.objects.create(
        building=building, number="Z7", name="Strom", carrier="electricity", unit="kWh"
    )
    for day, value in readings:
        Reading.objects.create(
            meter=meter, timestamp=dt.datetime.fromisoformat(day).replace(tzinfo=BERLIN), value=value
        )
    return meter


def test_the_list_and_report_show_a_new_reading_at_once(cast, client_for):
    """Hand-worked: 1,000 m² NGF, electricity from 1,000 to 31,000 kWh over 2025 = 30,000 kWh, so
    30 kWh/m²a; with the year-end reading replaced by 41,000 it is 40 kWh/m²a, shown at once."""
    meter = _electricity_meter(
        cast, "Rathaus", "administration", [("2025-01-01", 1000), ("2026-01-01", 31000)]
    )
    client = client_for(cast.a_editor)

    def specific_electricity():
        html = client.get("/energy/?year=2025", HTTP_ACCEPT_LANGUAGE="de").content.decode()
        row = html[html.index("Rathaus") :]
        return row[: row.index("</tr>")]

    assert ">30<" in specific_electricity()
    meter.readings.filter(timestamp__year=2026).delete()  # a wrong year-end reading replaced
    Reading.objects.create(meter=meter, timestamp=dt.datetime(2026, 1, 1, tzinfo=BERLIN), value=41000)
    assert ">40<" in specific_electricity()


def test_the_building_page_shows_a_new_alert_and_figure_at_once(cast, client_for, monkeypatch):
    """The building page's balances, signature and alerts are stored; a reading going backwards
    shows its alert on the next view, and an unchanged page computes nothing again."""
    from ikonnekt.energy import building_page

    meter = _electricity_meter(
        cast, "Schule", "school", [("2025-01-01", 1000), ("2025-02-01", 1310), ("2025-03-01", 1590)]
    )
    building = meter.building
    computed = []
    original = building_page.building_alerts
    monkeypatch.setattr(
        building_page, "building_alerts", lambda *a, **k: computed.append(1) or original(*a, **k)
    )
    client = client_for(cast.a_editor)
    url = f"{building.get_absolute_url()}?year=2025"
    first = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "ohne Zählerwechsel zurück" not in first and len(computed) == 1
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="de").status_code == 200
    assert len(computed) == 1  # stored
    Reading.objects.create(meter=meter, timestamp=dt.datetime(2025, 4, 1, tzinfo=BERLIN), value=900)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert len(computed) == 2 and "Zähler Z7:" in page and "ohne Zählerwechsel zurück" in page
