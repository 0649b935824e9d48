"""A fingerprint per building of everything its figures of some years are computed from.

Figures that are costly to compute from raw data (the yearly balances of
:mod:`energy.year_figures`, the dashboard's alerts of :mod:`energy.alerts`) are stored in Django's
cache under a key that contains this fingerprint. Any change to an input gives another
fingerprint, so a stored figure is never stale; it is data keyed by its inputs, not a page.

What a building's figures read, and how the fingerprint covers it (one query, plus one for the
DWD climate factors when a building uses them):

- the building's own fields and its weather station's long-term degree days: every column;
- its meters: every column;
- readings and interval values: count, last id and sums (with the value weighted by id, so two
  values that trade places change it). Both are only ever added (imports and the reading form
  insert, nothing updates or deletes them but the deletion of their meter);
- meter exchanges and tariffs: count and last id (they too are only added);
- the station's daily temperatures from January of the first year on: count, last id, sum and
  sum weighted by id (an import replaces the values of a day);
- the DWD climate factors of the years for buildings that are normalised with them.
"""

import datetime as dt
import functools
import hashlib

from django.db import connection

from ikonnekt.energy.models import (
    Building,
    DailyTemperature,
    IntervalReading,
    Meter,
    MeterExchange,
    Reading,
    Tariff,
    WeatherMethod,
    WeatherStation,
)


@functools.lru_cache(maxsize=64)
def _sql(n_buildings):
    qn = connection.ops.quote_name
    marks = ", ".join(["%s"] * n_buildings)
    building_columns = ", ".join(f"b.{qn(f.column)}" for f in Building._meta.concrete_fields)
    meter_columns = ", ".join(f"m.{qn(f.column)}" for f in Meter._meta.concrete_fields)
    temperature, station = qn(DailyTemperature._meta.db_table), qn(WeatherStation._meta.db_table)
    # per meter: correlated subqueries on the meter_id index (faster on SQLite than grouped joins)
    children = ", ".join(
        f"(SELECT {aggregate} FROM {qn(model._meta.db_table)} c WHERE c.meter_id = m.id)"  # noqa: S608
        for model, aggregates in (
            (Reading, ("COUNT(*)", "MAX(c.id)", "SUM(c.value)", "SUM(c.value * c.id)")),
            (IntervalReading, ("COUNT(*)", "MAX(c.id)")),
            (MeterExchange, ("COUNT(*)", "MAX(c.id)")),
            (Tariff, ("COUNT(*)", "MAX(c.id)")),
        )
        for aggregate in aggregates
    )
    # identifiers from the models' meta only; every value is a parameter
    return (
        f"SELECT b.id, {building_columns}, s.long_term_degree_days, "  # noqa: S608
        f"t.n, t.last, t.total, t.weighted, {meter_columns}, {children} "
        f"FROM {qn(Building._meta.db_table)} b "
        f"LEFT JOIN {station} s ON s.id = b.station_id "
        f"LEFT JOIN (SELECT station_id, COUNT(*) AS n, MAX(id) AS last, SUM(mean_temperature) AS total, "
        f"SUM(mean_temperature * id) AS weighted "
        f"FROM {temperature} WHERE {qn('date')} >= %s AND station_id IN "
        f"(SELECT station_id FROM {qn(Building._meta.db_table)} WHERE id IN ({marks})) GROUP BY station_id) t "
        f"ON t.station_id = b.station_id "
        f"LEFT JOIN {qn(Meter._meta.db_table)} m ON m.building_id = b.id "
        f"WHERE b.id IN ({marks}) ORDER BY b.id, m.id"
    )


def fingerprints(buildings, years):
    """{building id: a hex digest of everything its figures of ``years`` are computed from}.

    ``buildings`` need only their id and, for the climate factor, ``weather_method``,
    ``postcode`` and ``address``."""
    from ikonnekt.energy.services import postcode_from_address
    from ikonnekt.reference.models import ClimateFactor

    ids = [b.pk for b in buildings]
    if not ids:
        return {}
    years = sorted(set(years))
    prints = {pk: [] for pk in ids}
    with connection.cursor() as cursor:
        cursor.execute(_sql(len(ids)), [dt.date(years[0], 1, 1), *ids, *ids])
        for row in cursor.fetchall():
            prints[row[0]].append(row[1:])
    climate = [b for b in buildings if b.weather_method == WeatherMethod.CLIMATE_FACTOR]
    if climate:
        postcodes = {b.pk: b.postcode or postcode_from_address(b.address) for b in climate}
        factors = list(
            ClimateFactor.objects.filter(
                postcode__in=set(postcodes.values()), valid_from__in=[dt.date(y, 1, 1) for y in years]
            )
            .order_by("pk")
            .values_list("pk", "postcode", "valid_from", "valid_to", "factor")
        )
        for pk, postcode in postcodes.items():
            prints[pk].append(tuple(f for f in factors if f[1] == postcode))
    return {pk: hashlib.sha256(repr(rows).encode()).hexdigest() for pk, rows in prints.items()}
