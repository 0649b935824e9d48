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
the loader annotated; with ``children=True`` the loader reads the tariffs and exchanges itself as plain
tuples (then ``prefetch_related("meters")`` is enough).
"""

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Max, Q

from ikonnekt.energy.domain import degree_days
from ikonnekt.energy.models import (
    DailyTemperature,
    IntervalReading,
    MeterExchange,
    MeterKind,
    Reading,
    Tariff,
)

BERLIN = ZoneInfo("Europe/Berlin")
INTERVAL_ALERT_DAYS = 28  # the base-load alert looks at the last four weeks of an interval meter


# Plain SQL for the page's bulk reads: the ORM spends milliseconds compiling a query with dozens
# of filtered aggregates and converting hundreds of rows (the SQL is the same the ORM wrote:
# SUM/COUNT/AVG ... FILTER, understood by SQLite and PostgreSQL).
def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


def _column(model, name):
    return connection.ops.quote_name(model._meta.get_field(name).column)


_TEMPERATURES = _table(DailyTemperature)
_STATION = _column(DailyTemperature, "station")
_DATE = _column(DailyTemperature, "date")
_MEAN = _column(DailyTemperature, "mean_temperature")
_READINGS = _table(Reading)
_R_METER = _column(Reading, "meter")
_R_TIME = _column(Reading, "timestamp")
_R_VALUE = _column(Reading, "value")
_INTERVALS = _table(IntervalReading)
_I_METER = _column(IntervalReading, "meter")
_I_START = _column(IntervalReading, "start")
_I_VALUE = _column(IntervalReading, "value")


def _fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _date_param(value):
    return connection.ops.adapt_datefield_value(value)


def _datetime_param(value):
    return connection.ops.adapt_datetimefield_value(value)


def _utc(value):
    """A timestamp as the database driver returns it (SQLite: text in UTC) as an aware UTC datetime,
    as the ORM would convert it."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def month_bounds(year):
    """The 13 local (Europe/Berlin) month starts from January of ``year`` to January of the next."""
    return [dt.datetime(year + (m - 1) // 12, (m - 1) % 12 + 1, 1, tzinfo=BERLIN) for m in range(1, 14)]


def preload(buildings, years, *, alerts=False, temperature_months=None, children=False):
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
        if children:
            _children(meters)
        _readings(meters)
        _interval_months(meters, years)
        if alerts:
            _interval_recent(meters)
        for meter in meters:
            meter._loaded_monthly = {}
    preload_stations([b.station for b in buildings if b.station is not None], years, temperature_months)
    _climate_factors(buildings, years)
    return buildings


def _climate_factors(buildings, years):
    """The DWD climate factors of the calendar ``years`` for the buildings normalised with them
    (one query for all, none without such a building), as ``reference.climate.factor_for_year``
    finds them one by one."""
    from ikonnekt.energy.models import WeatherMethod
    from ikonnekt.energy.services import postcode_from_address
    from ikonnekt.reference.models import ClimateFactor

    chosen = [b for b in buildings if b.weather_method == WeatherMethod.CLIMATE_FACTOR]
    if not chosen or not years:
        return
    postcodes = {b.pk: b.postcode or postcode_from_address(b.address) for b in chosen}
    found = {
        (f.postcode, f.valid_from.year): f
        for f in ClimateFactor.objects.filter(
            postcode__in={p for p in postcodes.values() if p},
            valid_from__in=[dt.date(year, 1, 1) for year in years],
        )
        if f.valid_to == dt.date(f.valid_from.year, 12, 31)
    }
    for building in chosen:
        building._loaded_climate_factors = {
            year: found.get((postcodes[building.pk], year)) if postcodes[building.pk] else None
            for year in years
        }


def preload_meter(meter, years, exchanges=None):
    """Annotate one meter (its page) with its readings or its interval months of ``years`` (one
    query) and, if given, its ``exchanges`` (the page's own model objects), so that its figures
    of several years share one effective series. A virtual meter is left alone (it reads its
    siblings)."""
    from ikonnekt.energy.domain.consumption import Exchange

    if meter.kind == MeterKind.VIRTUAL:
        return meter
    if meter.kind == MeterKind.INTERVAL:
        _interval_months([meter], sorted(set(years)))
    else:
        _readings([meter])
        if exchanges is not None:
            meter._loaded_exchanges = [
                Exchange(e.timestamp, e.old_final_reading, e.new_initial_reading) for e in exchanges
            ]
    meter._loaded_monthly = {}
    return meter


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
    date = _date_param
    columns, params = [], []
    for year in years:
        in_year = f"{_DATE} >= %s AND {_DATE} < %s"
        columns.append(f"COUNT(*) FILTER (WHERE {in_year})")
        columns.append(f"SUM(CASE WHEN {_MEAN} < %s THEN %s - {_MEAN} ELSE 0.0 END) FILTER (WHERE {in_year})")
        bounds = [date(dt.date(year, 1, 1)), date(dt.date(year + 1, 1, 1))]
        params += [*bounds, degree_days.HEATING_LIMIT, degree_days.INDOOR, *bounds]
    for year in month_years:
        for month in range(1, 13):
            columns.append(f"AVG({_MEAN}) FILTER (WHERE {_DATE} >= %s AND {_DATE} < %s)")
            params += [date(dt.date(year, month, 1)), date(dt.date(year + month // 12, month % 12 + 1, 1))]
    sql = (
        f"SELECT {_STATION}, {', '.join(columns)} FROM {_TEMPERATURES} "  # noqa: S608 (names from the models)
        f"WHERE {_STATION} IN ({', '.join(['%s'] * len(ids))}) AND {_DATE} >= %s AND {_DATE} < %s "
        f"GROUP BY {_STATION}"
    )
    params += [*sorted(ids), date(dt.date(all_years[0], 1, 1)), date(dt.date(all_years[-1] + 1, 1, 1))]
    found = {}
    for row in _fetch(sql, params):
        station_id, values = row[0], iter(row[1:])
        for year in years:
            days, gt = next(values), next(values)
            found[(station_id, year)] = (days, gt or 0.0)
        for year in month_years:
            months[(station_id, year)] = [next(values) for _month in range(12)]
    return found, months


def _children(meters):
    """The meters' tariffs and exchanges as plain tuples (two queries, no model instances), for
    callers that did not prefetch ``meters__tariffs`` and ``meters__exchanges``."""
    from ikonnekt.energy.domain import balance
    from ikonnekt.energy.domain.consumption import Exchange

    ids = [m.pk for m in meters]
    tariffs, exchanges = defaultdict(list), defaultdict(list)
    for meter_id, *fields in (
        Tariff.objects.filter(meter_id__in=ids)
        .order_by("valid_from")
        .values_list("meter_id", "valid_from", "valid_to", "energy_price", "base_price")
    ):
        valid_from, valid_to, energy, base = fields
        tariffs[meter_id].append(balance.Tariff(valid_from, valid_to, float(energy), float(base)))
    for meter_id, *fields in (
        MeterExchange.objects.filter(meter_id__in=ids)
        .order_by("timestamp")
        .values_list("meter_id", "timestamp", "old_final_reading", "new_initial_reading")
    ):
        exchanges[meter_id].append(Exchange(*fields))
    for meter in meters:
        meter._loaded_tariffs = tariffs.get(meter.pk, [])
        meter._loaded_exchanges = exchanges.get(meter.pk, [])


def _readings(meters):
    rows = defaultdict(list)
    ids = [m.pk for m in meters]
    sql = (
        f"SELECT {_R_METER}, {_R_TIME}, {_R_VALUE} FROM {_READINGS} "  # noqa: S608 (names from the models)
        f"WHERE {_R_METER} IN ({', '.join(['%s'] * len(ids))}) ORDER BY {_R_METER}, {_R_TIME}"
    )
    for meter_id, timestamp, value in _fetch(sql, ids):
        rows[meter_id].append((_utc(timestamp), value))
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
    columns, params = [], []
    for year in years:
        bounds = [_datetime_param(b) for b in month_bounds(year)]
        for i in range(12):
            columns.append(f"SUM({_I_VALUE}) FILTER (WHERE {_I_START} >= %s AND {_I_START} < %s)")
            params += [bounds[i], bounds[i + 1]]
    ids = [m.pk for m in interval]
    sql = (
        f"SELECT {_I_METER}, {', '.join(columns)} FROM {_INTERVALS} "  # noqa: S608 (names from the models)
        f"WHERE {_I_METER} IN ({', '.join(['%s'] * len(ids))}) AND {_I_START} >= %s AND {_I_START} < %s "
        f"GROUP BY {_I_METER}"
    )
    params += [*ids, _datetime_param(month_bounds(years[0])[0]), _datetime_param(month_bounds(years[-1])[12])]
    found = {row[0]: row[1:] for row in _fetch(sql, params)}
    for meter in interval:
        row = found.get(meter.pk)
        for n, year in enumerate(years):
            meter._loaded_interval_months[year] = list(row[n * 12 : n * 12 + 12]) if row else [None] * 12


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
    """The meter's readings as (timestamp, value) in time order, if preloaded; else None (the value
    as the driver returns it: a float or a Decimal)."""
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


def loaded_climate_factor(building, year):
    """(True, the DWD climate factor of ``year`` or None) if preloaded for the building, else (False, None)."""
    loaded = getattr(building, "_loaded_climate_factors", {})
    return (year in loaded), loaded.get(year)


def loaded_tariffs(meter):
    """The meter's tariffs as :class:`balance.Tariff` if loaded with ``children``, else None."""
    return getattr(meter, "_loaded_tariffs", None)


def loaded_exchanges(meter):
    """The meter's exchanges as :class:`consumption.Exchange` if loaded with ``children``, else None."""
    return getattr(meter, "_loaded_exchanges", None)


def loaded_monthly(meter):
    """The page's memo of the meter's monthly values {year: twelve values} if preloaded, else None."""
    return getattr(meter, "_loaded_monthly", None)
