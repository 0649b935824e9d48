"""The alerts (dashboard card, building page, caretakers' mail) read only what they need, and say
what the alerts computed from the full yearly balance (``services.building_year``) said."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils.translation import gettext as _

from ikonnekt.energy import loader, services
from ikonnekt.energy.alerts import building_alerts
from ikonnekt.energy.domain import analysis
from ikonnekt.energy.loader import preload
from ikonnekt.energy.models import Building, EmissionFactorSet, MeterKind, Reading

pytestmark = pytest.mark.django_db


def _alerts_from_the_full_balance(building, year, factors, references):
    """The alerts as they were computed before: from ``building_year`` of both years (costs,
    benchmarks and emissions included) and the four weeks of interval samples."""
    alerts = []
    now = services.building_year(building, year, factors, references)
    before = services.building_year(building, year - 1, factors, references)
    for label, a, b in (
        (_("Heat (normalised)"), now["heat_normalised"], before["heat_normalised"]),
        (_("Electricity"), now["electricity"] or None, before["electricity"] or None),
    ):
        change = analysis.deviation(a, b)
        if change is not None and abs(change) > 0.15:
            alerts.append(
                (
                    "warning",
                    _("%(what)s %(change)+.0f %% compared with the previous year.")
                    % {"what": label, "change": change * 100},
                )
            )
    for meter in building.meters.all():
        if meter.kind == MeterKind.CUMULATIVE and meter.active:
            last = meter.readings.order_by("-timestamp").first()
            if last and (dt.datetime.now(dt.UTC) - last.timestamp).days > 45:
                days = (dt.datetime.now(dt.UTC) - last.timestamp).days
                alerts.append(
                    ("info", _("Meter %(m)s: no reading for %(d)s days.") % {"m": meter.number, "d": days})
                )
            for _time, _msg in services.meter_series(meter).problems[:1]:
                alerts.append(
                    (
                        "danger",
                        _("Meter %(m)s: a reading goes backwards without a meter exchange.")
                        % {"m": meter.number},
                    )
                )
        if meter.kind == MeterKind.INTERVAL:
            last = meter.intervals.order_by("-start").first()
            samples = (
                services.interval_samples(
                    meter, last.start - dt.timedelta(days=28), last.start + dt.timedelta(hours=1)
                )
                if last
                else []
            )
            ratio = analysis.base_load_ratio(samples) if samples else None
            if ratio and ratio["idle"] > 0.5:
                alerts.append(
                    (
                        "warning",
                        _("Meter %(m)s: base load at night/weekends is %(r).0f %% of the working-hours load.")
                        % {"m": meter.number, "r": ratio["idle"] * 100},
                    )
                )
    points = services.signature_points(building, [year - 1, year])
    if len(points) >= 6:
        try:
            sig = analysis.fit_signature([p["t"] for p in points], [p["kwh_per_day"] for p in points])
        except ValueError:
            sig = None
        for i in sig.outliers if sig else []:
            alerts.append(
                (
                    "warning",
                    _(
                        "Heat in %(m)02d/%(y)s deviates from the energy signature by more than two standard deviations."
                    )
                    % {"m": points[i]["month"], "y": points[i]["year"]},
                )
            )
    return alerts


def _buildings():
    return list(
        Building.objects.select_related("station")
        .prefetch_related("meters__tariffs", "meters__exchanges")
        .order_by("pk")
    )


def test_alerts_on_the_demo_data_are_those_of_the_full_balance(cast):
    call_command("load_demo", "--only", "energy", verbosity=0)
    # one more reading going backwards without an exchange: a "danger" alert
    meter = Building.objects.order_by("pk").first().meters.filter(kind=MeterKind.CUMULATIVE).first()
    first = meter.readings.order_by("timestamp").first()
    Reading.objects.create(
        meter=meter, timestamp=first.timestamp + dt.timedelta(hours=1), value=first.value - 1
    )
    year = dt.date.today().year
    factors = EmissionFactorSet.objects.filter(method="bisko").order_by("-year").first().factors()
    references = services._reference_values()
    expected = [_alerts_from_the_full_balance(b, year, factors, references) for b in _buildings()]
    plain = [building_alerts(b, year) for b in _buildings()]
    loaded = preload(_buildings(), [year - 1, year], alerts=True)
    assert all(loader.loaded_readings(m) is not None for b in loaded for m in b.meters.all())
    preloaded = [building_alerts(b, year) for b in loaded]
    assert plain == expected
    assert preloaded == expected
    # the building page passes the figures it has already computed: the same alerts
    given = []
    for b in _buildings():
        now = services.building_year(b, year, factors, references)
        before = services.building_year(b, year - 1, factors, references)
        totals = (
            (now["heat_normalised"], now["electricity"]),
            (before["heat_normalised"], before["electricity"]),
        )
        points = services.signature_points(b, [year - 1, year])
        given.append(building_alerts(b, year, totals=totals, points=points))
    assert given == expected
    severities = {severity for alerts in expected for severity, _text in alerts}
    assert {"danger", "warning"} <= severities  # the comparison covers the alerts the card shows


def test_dashboard_alerts_are_stored_per_building_and_follow_new_readings_and_edits(
    cast, client_for, django_assert_num_queries, monkeypatch
):
    """The dashboard card's alerts are stored under a key of the data they come from: unchanged
    data costs one query and no computation; a new reading, an edited meter or new temperatures
    change the key, so the card never shows stale alerts."""
    from ikonnekt.energy import alerts
    from ikonnekt.energy.models import DailyTemperature, Meter, WeatherStation

    BERLIN = dt.timezone(dt.timedelta(hours=1))
    year = dt.date.today().year
    station = WeatherStation.objects.create(
        name="Saarbrücken", long_term_degree_days=3300, owner=cast.org_a, created_by=cast.a_admin
    )
    building = Building.objects.create(
        name="Schule", use_type="school", reference_area=1000, owner=cast.org_a, caretaker=cast.a_editor,
        station=station, created_by=cast.a_admin,
    )  # fmt: skip
    meter = Meter.objects.create(
        building=building, number="Z1", name="Strom", carrier="electricity", unit="kWh"
    )
    for month, value in [(1, 1000), (2, 1310), (3, 1590), (4, 1900)]:
        Reading.objects.create(
            meter=meter, timestamp=dt.datetime(year, month, 1, 8, tzinfo=BERLIN), value=value
        )
    computed = []
    original = alerts.building_alerts

    def counting(b, y, **kwargs):
        computed.append(b.pk)
        return original(b, y, **kwargs)

    monkeypatch.setattr(alerts, "building_alerts", counting)
    first = alerts.shown_alerts([building], year)
    assert first == {building.pk: []} and computed == [building.pk]
    with django_assert_num_queries(1):
        assert alerts.shown_alerts([building], year) == first
    assert computed == [building.pk]  # stored, not computed again
    page = client_for(cast.a_editor).get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "energy-alerts" in page and "Zähler Z1:" not in page  # not "Z1": a CSRF token may contain it

    # a reading going backwards without an exchange: a "danger" alert at once
    Reading.objects.create(meter=meter, timestamp=dt.datetime(year, 5, 1, 8, tzinfo=BERLIN), value=10)
    (shown,) = alerts.shown_alerts([building], year)[building.pk]
    assert shown[0] == "danger" and "Z1" in shown[1]
    page = client_for(cast.a_editor).get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Zähler Z1:" in page
    # the meter switched off (an edit, no new reading): the alert goes
    meter.active = False
    meter.save()
    assert alerts.shown_alerts([building], year) == {building.pk: []}
    # new temperatures and an edited building each make another key
    calls = len(computed)
    DailyTemperature.objects.create(station=station, date=dt.date(year, 1, 2), mean_temperature=1.5)
    alerts.shown_alerts([building], year)
    Building.objects.filter(pk=building.pk).update(heating_share=0.5)
    alerts.shown_alerts([building], year)
    assert len(computed) == calls + 2


def test_dashboard_alerts_computed_again_take_a_fixed_number_of_queries(cast):
    """After a change the alerts are computed with the bulk loader: as many queries for one
    building as for three with more meters and readings."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ikonnekt.energy import alerts
    from ikonnekt.energy.models import Meter

    year = dt.date.today().year
    tz = dt.timezone(dt.timedelta(hours=1))

    def building(name, meters):
        b = Building.objects.create(name=name, owner=cast.org_a, created_by=cast.a_admin)
        for i in range(meters):
            m = Meter.objects.create(
                building=b, number=f"Z{i}", name="Strom", carrier="electricity", unit="kWh"
            )
            for month in range(1, 4):
                Reading.objects.create(
                    meter=m, timestamp=dt.datetime(year, month, 1, tzinfo=tz), value=month * 10
                )
        return b

    def queries(buildings):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            alerts.shown_alerts(buildings, year)
        return len(captured)

    one = queries([building("A", 1)])
    assert one == queries([building("B", 3), building("C", 2), *Building.objects.filter(name="A")])
