"""Fast bulk writes of plain rows, for imports of many rows (interval readings, measurements).

``bulk_insert(model, fields, rows)`` writes tuples of plain Python values without building model
instances: multi-row ``INSERT`` statements on SQLite, ``COPY … FROM STDIN`` on PostgreSQL (psycopg 3), and
``executemany`` through Django's cursor elsewhere. Values are prepared as the ORM prepares them
(``Field.get_db_prep_save``); columns of the common types take a fast path with the same stored
values, decided per batch and column: plain ``int``/``float``/``str``/``bool`` values of the
matching fields are passed on unchanged; aware datetimes are written on SQLite as Django's
backend stores them (naive UTC ``YYYY-MM-DD HH:MM:SS[.ffffff]``, from cached day and time
texts) and passed on unchanged on PostgreSQL. On PostgreSQL a batch whose columns all hold such
values (and dates, integers within the column's range) is written as a binary ``COPY`` with
the column types set (psycopg's C dumpers encode every value; the server parses no text);
any other batch as a text ``COPY`` through psycopg's ``write_row``.

What the ORM does and this does not: no ``save()``, no signals, no model validation, no primary
keys returned. Constraints (unique, check, foreign keys) are enforced by the database; a
violation raises ``django.db.IntegrityError`` and, since everything runs in one
``transaction.atomic`` block, nothing of the call is kept. Foreign keys are given as primary key
values (``meter_id``). Fields that are not listed get their default (``auto_now``/``auto_now_add``:
the current time; a callable default is called per row); auto-incremented primary keys,
generated columns and fields with a database default are left to the database.
"""

import datetime as dt
import sqlite3
from contextlib import contextmanager, suppress
from itertools import chain, islice, repeat
from operator import attrgetter, sub

from django.conf import settings
from django.db import connections, models, router, transaction
from django.db.models import NOT_PROVIDED
from django.utils import timezone

UTC = dt.UTC
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_DAY = _EPOCH.date()
_NONE = type(None)

# Exact field classes whose ORM preparation returns values of these exact types unchanged.
_INTS = {int}
_UNCHANGED = {
    models.BooleanField: {bool},
    models.FloatField: {float},
    models.CharField: {str},
    models.TextField: {str},
    models.SlugField: {str},
    models.EmailField: {str},
    models.URLField: {str},
    models.IntegerField: _INTS,
    models.SmallIntegerField: _INTS,
    models.BigIntegerField: _INTS,
    models.PositiveIntegerField: _INTS,
    models.PositiveSmallIntegerField: _INTS,
    models.PositiveBigIntegerField: _INTS,
    models.AutoField: _INTS,
    models.SmallAutoField: _INTS,
    models.BigAutoField: _INTS,
}
# PostgreSQL column type (Field.db_type without modifiers) → psycopg type name for a binary COPY,
# the exact Python types its dumper takes, and the range of integers
_BINARY = {
    "smallint": ("int2", {int}, (-(2**15), 2**15 - 1)),
    "integer": ("int4", {int}, (-(2**31), 2**31 - 1)),
    "bigint": ("int8", {int}, (-(2**63), 2**63 - 1)),
    "double precision": ("float8", {float}, None),
    "boolean": ("bool", {bool}, None),
    "varchar": ("text", {str}, None),
    "text": ("text", {str}, None),
    "date": ("date", {dt.date}, None),
    "timestamp with time zone": ("timestamptz", {dt.datetime}, None),
}
_tzinfo = attrgetter("tzinfo")
_days = attrgetter("days")
_seconds = attrgetter("seconds")
_microseconds = attrgetter("microseconds")


class _DayText(dict):
    """Days since 1970-01-01 → ``"YYYY-MM-DD "``."""

    def __missing__(self, days):
        text = self[days] = (_EPOCH_DAY + dt.timedelta(days=days)).isoformat() + " "
        return text


class _TimeText(dict):
    """Seconds of the day → ``"HH:MM:SS"`` (SQLite's stored form of a naive UTC time)."""

    def __missing__(self, seconds):
        hours, rest = divmod(seconds, 3600)
        minutes, seconds_ = divmod(rest, 60)
        text = self[seconds] = f"{hours:02d}:{minutes:02d}:{seconds_:02d}"
        return text


def _target(field):
    """The field that stores the value: a foreign key's target field, else the field itself."""
    while field.is_relation and field.many_to_one:
        field = field.target_field
    return field


class _Column:
    """Prepares the values of one column for the database, one batch at a time."""

    def __init__(self, field, connection):
        self.field = field
        self.connection = connection
        self.vendor = connection.vendor
        target = _target(field)
        self.unchanged = _UNCHANGED.get(type(target), set())
        if self.vendor == "postgresql" and type(target) is models.DateField:
            self.unchanged = {dt.date}  # the backend's adapt_datefield_value returns the date
        if field.null:
            self.unchanged = self.unchanged | {_NONE}
        aware = type(target) is models.DateTimeField and settings.USE_TZ
        # SQLite: Django stores str(make_naive(value, UTC)), written from cached texts
        self.utc_datetimes = aware and connection.timezone_name == "UTC" and self.vendor == "sqlite"
        # PostgreSQL: the backend's adapt_datetimefield_value returns aware datetimes unchanged
        self.aware_datetimes = aware and self.vendor == "postgresql"
        self.days, self.times = (_DayText(), _TimeText()) if self.utc_datetimes else (None, None)
        # PostgreSQL: the type psycopg dumps this column's values as in a binary COPY, and the
        # Python types (exact) it accepts; None when the column is always written as text
        self.binary = (
            _BINARY.get(target.db_type(connection).split("(")[0]) if self.vendor == "postgresql" else None
        )

    def prepare(self, values):
        kinds = set(map(type, values))
        if kinds <= self.unchanged:
            return values
        if self.utc_datetimes and kinds == {dt.datetime} and set(map(_tzinfo, values)) == {UTC}:
            return self._utc_text(values)
        if self.aware_datetimes and kinds == {dt.datetime} and None not in set(map(_tzinfo, values)):
            return values
        prep = self.field.get_db_prep_save
        connection = self.connection
        return [prep(value, connection) for value in values]

    def binary_type(self, values):
        """The psycopg type name to dump ``values`` (prepared) as in a binary ``COPY``, or None
        when they need the text path: another Python type, a naive datetime, or an integer
        outside the column's range (the server's error, not the client's, reports it then)."""
        if self.binary is None:
            return None
        name, accepted, bounds = self.binary
        kinds = set(map(type, values))
        if not kinds <= accepted | {_NONE}:
            return None
        if _NONE in kinds:
            values = [v for v in values if v is not None]
        if values and bounds and (min(values) < bounds[0] or max(values) > bounds[1]):
            return None
        if name == "timestamptz" and values and None in set(map(_tzinfo, values)):
            return None
        return name

    def _utc_text(self, values):
        """Aware UTC datetimes → naive ``YYYY-MM-DD HH:MM:SS[.ffffff]`` (SQLite's storage)."""
        deltas = list(map(sub, values, repeat(_EPOCH)))
        if set(map(_microseconds, deltas)) != {0}:
            return [str(value)[:-6] for value in values]  # "YYYY-MM-DD HH:MM:SS.ffffff+00:00"
        days = map(self.days.__getitem__, map(_days, deltas))
        return list(map(str.__add__, days, map(self.times.__getitem__, map(_seconds, deltas))))


def _missing_columns(opts, given):
    """(field, value or value maker, called per row?) for concrete fields the caller left out."""
    listed = {f.attname for f in given}
    now = None
    result = []
    for field in opts.concrete_fields:
        if field.attname in listed:
            continue
        if getattr(field, "db_returning", False) or getattr(field, "generated", False):
            continue  # auto-incremented primary key, generated column: the database fills them
        if getattr(field, "db_default", NOT_PROVIDED) is not NOT_PROVIDED:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            now = now or timezone.now()
            result.append((field, now, False))
        elif field.has_default() and callable(field.default):
            result.append((field, field.get_default, True))
        else:
            result.append((field, field.get_default(), False))
    return result


def bulk_insert(model, fields, rows, *, batch_size=5000, progress=None, using=None) -> int:
    """Insert ``rows`` (tuples of values in the order of ``fields``) into ``model``'s table.

    ``fields`` are field names or attnames (``"meter"`` or ``"meter_id"``, the value is the
    primary key). Rows are written in batches of ``batch_size``; ``progress(done)`` is called
    after each batch (outside any COPY, so it may use the database). All rows are written in
    one transaction (a savepoint inside an outer one): on any error nothing of this call is
    stored. Returns the number of rows written.
    """
    using = using or router.db_for_write(model)
    connection = connections[using]
    opts = model._meta
    given = [opts.get_field(name) for name in fields]
    if any(not f.concrete or f.many_to_many for f in given):
        raise ValueError("bulk_insert writes concrete columns only")
    missing = _missing_columns(opts, given)
    all_fields = given + [field for field, _value, _per_row in missing]
    columns = [_Column(f, connection) for f in all_fields]
    qn = connection.ops.quote_name
    table = qn(opts.db_table)
    names = ", ".join(qn(f.column) for f in all_fields)
    copy = _Copy() if connection.vendor == "postgresql" else None
    write = copy or {"sqlite": _write_sqlite}.get(connection.vendor, _write_generic)
    width = len(given)
    done = 0
    source = iter(rows)
    with transaction.atomic(using=using), connection.cursor() as cursor, _copy_ended(copy, connection):
        while batch := list(islice(source, batch_size)):
            try:
                values = list(zip(*batch, strict=True))
            except ValueError:
                values = []
            if len(values) != width:
                raise ValueError(f"bulk_insert: every row needs {width} values ({', '.join(fields)})")
            for _field, value, per_row in missing:
                values.append([value() for _ in batch] if per_row else [value] * len(batch))
            prepared = [column.prepare(col) for column, col in zip(columns, values, strict=True)]
            if not missing and all(p is v for p, v in zip(prepared, values, strict=True)):
                ready = batch  # every column passed on as it is
            else:
                ready = zip(*prepared, strict=True)
            with connection.wrap_database_errors:
                write(cursor, table, names, columns, ready, prepared)
            done += len(batch)
            if progress is not None:
                if copy is not None:  # progress may use the connection: no COPY may be open
                    with connection.wrap_database_errors:
                        copy.finish()
                progress(done)
    return done


@contextmanager
def _copy_ended(copy, connection):
    """Ends the open ``COPY`` of ``copy`` (if any) when the writing ends: normally, waiting for the
    server (its errors as Django's); after an error, by aborting it."""
    try:
        yield
    except BaseException as error:
        if copy is not None:
            copy.finish(error)
        raise
    if copy is not None:
        with connection.wrap_database_errors:
            copy.finish()


SQLITE_ROWS_PER_STATEMENT = 1000  # rows of one multi-row INSERT (fewer if the variable limit is lower)


def _write_sqlite(cursor, table, names, columns, rows, values):
    """Multi-row ``INSERT … VALUES (…), (…), …`` statements, each with the parameters of up to
    ``SQLITE_ROWS_PER_STATEMENT`` rows: one call into SQLite per statement instead of one per
    row (``executemany`` binds and steps every row from Python; this is about twice as fast,
    with the same rows, constraints and indexes). Through the sqlite3 cursor itself: Django's
    wrapper would rewrite the placeholders."""
    raw = cursor.cursor
    limit = raw.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    width = len(columns)
    per_statement = max(1, min(SQLITE_ROWS_PER_STATEMENT, limit // width))
    one = "(" + ", ".join(["?"] * width) + ")"
    head = f"INSERT INTO {table} ({names}) VALUES "  # noqa: S608 (quoted names only)
    full = head + ", ".join([one] * per_statement)
    execute = sqlite3.Cursor.execute
    source = iter(rows)
    while chunk := list(islice(source, per_statement)):
        sql = full if len(chunk) == per_statement else head + ", ".join([one] * len(chunk))
        execute(raw, sql, list(chain.from_iterable(chunk)))


class _Copy:
    """``COPY … FROM STDIN`` kept open across batches while their format stays the same: binary,
    with the column types set, when every column's values allow it (see ``_Column.binary_type``),
    else text; rows through psycopg's ``write_row``, which sends the data in blocks while the rows
    are encoded. The server inserts one batch while the next is prepared; each ``COPY`` ends by
    waiting for the server, so a batch of another format (or ``finish``) ends it."""

    def __init__(self):
        self.context = self.copy = self.key = None

    def __call__(self, cursor, table, names, columns, rows, values):
        types = [column.binary_type(col) for column, col in zip(columns, values, strict=True)]
        binary = None not in types
        key = (table, names, tuple(types) if binary else None)
        if self.copy is not None and key != self.key:
            self.finish()
        if self.copy is None:
            sql = f"COPY {table} ({names}) FROM STDIN" + (" (FORMAT BINARY)" if binary else "")
            self.context = cursor.cursor.copy(sql)
            self.copy = self.context.__enter__()
            self.key = key
            if binary:
                self.copy.set_types(types)
        write_row = self.copy.write_row
        for row in rows:
            write_row(row)

    def finish(self, error=None):
        """End the open ``COPY`` (waiting for the server); with ``error``, abort it."""
        if self.context is None:
            return
        context, self.context, self.copy = self.context, None, None
        if error is None:
            context.__exit__(None, None, None)
        else:  # the error that stopped the writing is what the caller sees, not the abort's
            with suppress(Exception):
                context.__exit__(type(error), error, error.__traceback__)


def _write_generic(cursor, table, names, columns, rows, values):
    marks = ", ".join(["%s"] * len(columns))
    cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(rows))  # noqa: S608
