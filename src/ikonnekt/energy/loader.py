"""Bulk loader: everything the yearly figures of many buildings need, in a fixed number of queries.

The figures in :mod:`ikonnekt.energy.services` (``building_year``, ``signature_points``,
``alerts.building_alerts``) read each meter's readings, each interval meter's monthly sums and each
weather station's daily temperatures. Called for a page of buildings one by one, that is a few
queries per meter, month and year (the energy report made 98 queries). ``preload`` fetches the
same data for all buildings and years at once and hangs it on the meter and station objects;
the services use it where present and query for themselves where not, so a caller that forgets
the loader is slower, never wrong. Aggregates are left to the database (the monthly sums of
interval meters, the degree days and monthly mean temperatures of the stations); the maths of
the balance is plain Python in :mod:`ikonnekt.energy.domain.balance`.

The buildings must come with ``prefetch_related("meters__exchanges")`` (plus ``"meters__tariffs"``
for costs) and ``select_related("station")`` so that ``building.meters.all()`` returns the same meter objects
the loader annotated.
"""

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.db.models import Avg, Case, Count, F, FloatField, Max, Q, Sum, Value, When

from ikonnekt.energy.domain import degree_days
from ikonnekt.energy.models import DailyTemperature, IntervalReading, MeterKind, Reading

BERLIN = ZoneInfo("Europe/Berlin")
INTERVAL_ALERT_DAYS = 28  # the base-load alert looks at the last four weeks of an interval meter


def month_bounds(year):
    """The 13 local (Europe/Berlin) month starts from January of ``year`` to January of the next."""
    return [dt.datetime(year + (m - 1) // 12, (m - 1) % 12 + 1, 1, tzinfo=BERLIN) for m in range(1, 14)]


def preload(buildings, years, *, alerts=False, temperature_months=None):
    """Annotate the meters and stations of ``buildings`` with their data for ``years``.

    Queries: one for the readings of all meters, one for the monthly sums of the interval
    meters in all years (none without interval meters), one for the degree days of all stations
    and years and the monthly mean temperatures of ``temperature_months`` (default: ``years``
    with ``alerts``, else none), summed by the database, and with ``alerts`` two for the last
    four weeks of every interval meter. Figures derived from these (a meter's effective series,
    its monthly values per year) are computed once per page and kept on the meter.
    """
    buildings = list(buildings)
    years = sorted(set(years))
    if temperature_months is None:
        temperature_months = years if alerts else ()
    meters = [meter for building in buildings for meter in building.meters.all()]
    if meters:
        _readings(meters)
        _interval_months(meters, years)
        if alerts:
            _interval_recent(meters)
        for meter in meters:
            meter._loaded_monthly = {}
    preload_stations([b.station for b in buildings if b.station is not None], years, temperature_months)
    return buildings


def preload_stations(stations, years, month_years=()):
    """Annotate weather stations with their degree days of ``years`` and monthly mean
    temperatures of ``month_years`` (one query)."""
    years = sorted(set(years))
    month_years = sorted(set(month_years))
    degree_days, months = station_temperatures(stations, years, month_years)
    for station in stations:
        station._loaded_degree_days = {year: degree_days.get((station.pk, year)) for year in years}
        station._loaded_month_means = {year: months[(station.pk, year)] for year in month_years}
    return stations


def station_temperatures(stations, years, month_years=()):
    """The stations' degree days and monthly mean temperatures in one query, computed by the
    database: ({(station id, year): (days with a temperature, G20/15)} for ``years``,
    {(station id, year): twelve monthly means, None for a month without days} for ``month_years``).

    G20/15 (VDI 3807-1): the sum of 20 °C − t over the days below the heating limit of 15 °C."""
    ids = {s.pk for s in stations}
    months = {(pk, year): [None] * 12 for pk in ids for year in month_years}
    all_years = sorted(set(years) | set(month_years))
    if not ids or not all_years:
        return {}, months
    below = Case(
        When(
            mean_temperature__lt=degree_days.HEATING_LIMIT,
            then=Value(degree_days.INDOOR) - F("mean_temperature"),
        ),
        default=Value(0.0),
        output_field=FloatField(),
    )
    aggregates = {}
    for year in years:
        in_year = Q(date__gte=dt.date(year, 1, 1), date__lt=dt.date(year + 1, 1, 1))
        aggregates[f"n{year}"] = Count("pk", filter=in_year)
        aggregates[f"g{year}"] = Sum(below, filter=in_year)
    for year in month_years:
        for month in range(1, 13):
            end = dt.date(year + month // 12, month % 12 + 1, 1)
            aggregates[f"t{year}m{month}"] = Avg(
                "mean_temperature", filter=Q(date__gte=dt.date(year, month, 1), date__lt=end)
            )
    rows = (
        DailyTemperature.objects.filter(
            station_id__in=ids,
            date__gte=dt.date(all_years[0], 1, 1),
            date__lt=dt.date(all_years[-1] + 1, 1, 1),
        )
        .order_by()
        .values("station_id")
        .annotate(**aggregates)
    )
    found = {}
    for row in rows:
        for year in years:
            found[(row["station_id"], year)] = (row[f"n{year}"], row[f"g{year}"] or 0.0)
        for year in month_years:
            months[(row["station_id"], year)] = [row[f"t{year}m{month}"] for month in range(1, 13)]
    return found, months


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


def loaded_readings(meter):
    """The meter's readings as (timestamp, value) in time order, if preloaded; else None."""
    return getattr(meter, "_loaded_readings", None)


def loaded_interval_months(meter, year):
    return getattr(meter, "_loaded_interval_months", {}).get(year)


def loaded_recent_intervals(meter):
    return getattr(meter, "_loaded_recent_intervals", None)


def loaded_degree_days(station, year):
    """(days with a temperature, G20/15) of the station in ``year`` if preloaded; (0, 0.0) for a
    preloaded year without data; None if not preloaded."""
    loaded = getattr(station, "_loaded_degree_days", {})
    if year not in loaded:
        return None
    return loaded[year] or (0, 0.0)


def loaded_month_means(station, year):
    """Twelve monthly mean temperatures of the station in ``year`` if preloaded, else None."""
    return getattr(station, "_loaded_month_means", {}).get(year)


def loaded_monthly(meter):
    """The page's memo of the meter's monthly values {year: twelve values} if preloaded, else None."""
    return getattr(meter, "_loaded_monthly", None)
