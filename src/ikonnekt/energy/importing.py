"""Running a reading import: parse the whole file, and only if every row is valid write all
rows in one transaction (``core.bulk.bulk_insert``: multi-row ``INSERT`` on SQLite, one ``COPY`` on
PostgreSQL, in batches), reporting progress while reading and checking."""

from itertools import repeat
from operator import itemgetter

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ikonnekt.core.bulk import bulk_insert
from ikonnekt.energy.domain import importers
from ikonnekt.energy.domain.consumption import Exchange, effective_series
from ikonnekt.energy.models import IntervalReading, Reading, ReadingImport

BATCH = 5000  # rows per write batch at least
BATCHES = 10  # at most this many batches


def batch_size(total: int) -> int:
    """Rows per write batch: at most ten batches of at least ``BATCH`` rows (unless the file is
    shorter), the rows spread evenly over them. Batches keep the column lists being prepared
    small (one batch of a 200,000-row file wrote about a quarter slower on SQLite); on PostgreSQL
    all batches go into one ``COPY`` (``core.bulk``), the server inserting one batch while the
    next is prepared. No progress is reported between batches: the rows are written in one
    transaction, and a progress row written inside it would be seen by the polling page only
    after the commit."""
    batches = max(1, min(BATCHES, total // BATCH))
    return max(1, -(-total // batches))


def describe(error) -> str:
    text = _(error.message) % error.params if error.params else _(error.message)
    if error.row:
        return _("Row %(row)s, column %(col)s: %(msg)s") % {
            "row": error.row,
            "col": error.column,
            "msg": text,
        }
    return text


def parse_file(item: ReadingImport, data: bytes, limit=None):
    meter = item.meter
    return importers.parse(
        item.original_name, data, interval=item.kind == "interval", meter_unit=meter.unit, limit=limit
    )


def check_against_stored(item: ReadingImport, parsed) -> list:
    """Errors from stored data: duplicates and, for readings, values going backwards."""
    meter = item.meter
    errors = []
    if not parsed.rows:
        return errors
    lo, hi = min(map(itemgetter(1), parsed.rows)), max(map(itemgetter(1), parsed.rows))
    model, field = (IntervalReading, "start") if item.kind == "interval" else (Reading, "timestamp")
    stored = set(
        model.objects.filter(meter=meter, **{f"{field}__gte": lo, f"{field}__lte": hi}).values_list(
            field, flat=True
        )
    )
    if stored:
        by_time = {r[1]: r[0] for r in parsed.rows}
        for t in sorted(stored)[:50]:
            if t in by_time:
                errors.append(
                    importers.RowError(
                        by_time[t], "A", gettext_noop("a value for this time is already stored")
                    )
                )
    if item.kind == "cumulative" and not errors:
        existing = list(meter.readings.values_list("timestamp", "value"))
        exchanges = [
            Exchange(e.timestamp, e.old_final_reading, e.new_initial_reading) for e in meter.exchanges.all()
        ]
        rows_by_time = {r[1]: r[0] for r in parsed.rows}
        series = effective_series(existing + [(r[1], r[2]) for r in parsed.rows], exchanges, meter.digits)
        for time, _msg in series.problems[:50]:
            row = rows_by_time.get(time)
            if row:
                errors.append(
                    importers.RowError(
                        row,
                        "B",
                        gettext_noop(
                            "the reading is lower than the previous one and no meter exchange is recorded"
                        ),
                    )
                )
    return errors


def run(item: ReadingImport, progress=lambda pct, msg: None) -> int:
    """Import the file of ``item``; raises ``ValueError`` with the error list when a row is bad."""
    with item.file.open("rb") as fh:
        data = fh.read()
    progress(5, _("Reading the file"))
    parsed = parse_file(item, data)
    errors = parsed.errors or check_against_stored(item, parsed)
    item.rows_total = parsed.total
    if errors:
        item.status = "failed"
        item.errors = [describe(e) for e in errors]
        item.save(update_fields=["status", "errors", "rows_total"])
        raise ValueError(_("%(n)s rows have errors; nothing was imported.") % {"n": len(errors)})
    progress(30, _("%(n)s rows checked") % {"n": parsed.total})
    meter = item.meter
    total = len(parsed.rows)
    times = map(itemgetter(1), parsed.rows)
    values = map(itemgetter(2), parsed.rows)
    if item.kind == "interval":
        minutes = importers.interval_minutes(parsed.rows)
        factor = 1.0
        if parsed.unit == "kW" or (item.errors and item.errors[0].get("mode") == "kw"):
            factor = minutes / 60  # mean power → energy in the interval
        if meter.unit == "MWh":
            factor *= 1000
        model, fields = IntervalReading, ("meter_id", "start", "minutes", "value")
        rows = zip(repeat(meter.pk), times, repeat(minutes), map(factor.__mul__, values))
    else:
        model, fields = Reading, ("meter_id", "timestamp", "value", "source", "created_by_id")
        rows = zip(
            repeat(meter.pk),
            times,
            (round(v, 3) for v in values),
            repeat("import"),
            repeat(item.created_by_id),
        )

    with transaction.atomic():
        done = bulk_insert(model, fields, rows, batch_size=batch_size(total))
        item.status = "done"
        item.rows_imported = done
        item.errors = []
        item.save(update_fields=["status", "rows_imported", "errors", "rows_total"])
    return done
