"""Bulk loader: everything the yearly figures of many buildings need, in a fixed number of queries.

The figures in :mod:`ikonnekt.energy.services` (``building_year``, ``signature_points``,
``alerts.building_alerts``) read each meter's readings, each interval meter's monthly sums and each
weather station's daily temperatures. Called for a page of buildings one by one, that is a few
queries per meter, month and year (the energy report made 98 queries). ``preload`` fetches the
same data for all buildings and years at once and hangs it on the meter and station objects;
the services use it where present and query for themselves where not, so a caller that forgets
the loader is slower, never wrong.

The buildings must come with ``prefetch_related("meters__exchanges")`` (plus ``"meters__tariffs"``
for costs) and ``select_related("station")`` so that ``building.meters.all()`` returns the same meter objects
the loader annotated.
"""

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.db.models import Max, Q, Sum

from ikonnekt.energy.models import DailyTemperature, IntervalReading, MeterKind, Reading

BERLIN = ZoneInfo("Europe/Berlin")
INTERVAL_ALERT_DAYS = 28  # the base-load alert looks at the last four weeks of an interval meter


def month_bounds(year):
    """The 13 local (Europe/Berlin) month starts from January of ``year`` to January of the next."""
    return [dt.datetime(year + (m - 1) // 12, (m - 1) % 12 + 1, 1, tzinfo=BERLIN) for m in range(1, 14)]


def preload(buildings, years, *, alerts=False):
    """Annotate the meters and stations of ``buildings`` with their data for ``years``.

    Queries: one for the readings of all meters, one for the monthly sums of the interval
    meters in all years (none without interval meters), one for the daily temperatures of all
    stations, and with ``alerts`` two for the last four weeks of every interval meter.
    """
    buildings = list(buildings)
    years = sorted(set(years))
    meters = [meter for building in buildings for meter in building.meters.all()]
    if meters:
        _readings(meters)
        _interval_months(meters, years)
        if alerts:
            _interval_recent(meters)
    _temperatures([b.station for b in buildings if b.station is not None], years)
    return buildings


def _readings(meters):
    rows = defaultdict(list)
    for meter_id, timestamp, value in (
        Reading.objects.filter(meter_id__in=[m.pk for m in meters])
        .order_by("meter_id", "timestamp")
        .values_list("meter_id", "timestamp", "value")
    ):
        rows[meter_id].append((timestamp, value))
    for meter in meters:
        meter._loaded_readings = rows.get(meter.pk, [])


def _interval_months(meters, years):
    """Monthly kWh sums per interval meter and year, all years in one query: twelve
    index-friendly ranges per year summed by the database (no per-row time-zone function, which
    SQLite would run in Python)."""
    interval = [m for m in meters if m.kind == MeterKind.INTERVAL]
    for meter in meters:
        meter._loaded_interval_months = {}
    if not interval or not years:
        return
    sums = {}
    for year in years:
        bounds = month_bounds(year)
        for i in range(12):
            sums[f"y{year}m{i}"] = Sum("value", filter=Q(start__gte=bounds[i], start__lt=bounds[i + 1]))
    found = {
        row["meter_id"]: row
        for row in IntervalReading.objects.filter(
            meter_id__in=[m.pk for m in interval],
            start__gte=month_bounds(years[0])[0],
            start__lt=month_bounds(years[-1])[12],
        )
        .order_by()
        .values("meter_id")
        .annotate(**sums)
    }
    for meter in interval:
        row = found.get(meter.pk)
        for year in years:
            meter._loaded_interval_months[year] = [row[f"y{year}m{i}"] if row else None for i in range(12)]


def _interval_recent(meters):
    """The last four weeks of every interval meter (for the base-load alert): one query for the
    last interval of each meter, one for the samples of all of them."""
    interval = {m.pk: m for m in meters if m.kind == MeterKind.INTERVAL}
    for meter in interval.values():
        meter._loaded_recent_intervals = []
    if not interval:
        return
    last = dict(
        IntervalReading.objects.filter(meter_id__in=list(interval))
        .order_by()
        .values("meter_id")
        .annotate(last=Max("start"))
        .values_list("meter_id", "last")
    )
    if not last:
        return
    ranges = Q()
    for meter_id, start in last.items():
        ranges |= Q(
            meter_id=meter_id,
            start__gte=start - dt.timedelta(days=INTERVAL_ALERT_DAYS),
            start__lt=start + dt.timedelta(hours=1),
        )
    for meter_id, start, value, minutes in (
        IntervalReading.objects.filter(ranges)
        .order_by("meter_id", "start")
        .values_list("meter_id", "start", "value", "minutes")
    ):
        interval[meter_id]._loaded_recent_intervals.append((start.astimezone(BERLIN), value * 60 / minutes))


def _temperatures(stations, years):
    """Daily temperatures of all stations and years (select_related gives every building its own
    station object: each of them gets the same lists)."""
    by_station = defaultdict(lambda: {year: [] for year in years})
    if stations and years:
        in_years = Q()
        for year in years:  # date ranges: ``date__year`` is a function per row in SQLite
            in_years |= Q(date__gte=dt.date(year, 1, 1), date__lt=dt.date(year + 1, 1, 1))
        for station_id, date, mean in DailyTemperature.objects.filter(
            in_years, station_id__in={s.pk for s in stations}
        ).values_list("station_id", "date", "mean_temperature"):
            by_station[station_id][date.year].append((date, mean))
    for station in stations:
        station._loaded_temperatures = by_station[station.pk]


def loaded_readings(meter):
    """The meter's readings as (timestamp, value) in time order, if preloaded; else None."""
    return getattr(meter, "_loaded_readings", None)


def loaded_interval_months(meter, year):
    return getattr(meter, "_loaded_interval_months", {}).get(year)


def loaded_recent_intervals(meter):
    return getattr(meter, "_loaded_recent_intervals", None)


def loaded_temperatures(station, year):
    """[(date, daily mean °C)] of the station in ``year``, if preloaded; else None."""
    return getattr(station, "_loaded_temperatures", {}).get(year)
