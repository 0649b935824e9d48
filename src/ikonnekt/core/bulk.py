"""Fast bulk writes of plain rows, for imports of many rows (interval readings, measurements).

``bulk_insert(model, fields, rows)`` writes tuples of plain Python values without building model
instances: multi-row ``INSERT`` statements on SQLite, ``COPY … FROM STDIN`` on PostgreSQL (psycopg 3), and
``executemany`` through Django's cursor elsewhere. Values are prepared as the ORM prepares them
(``Field.get_db_prep_save``); columns of the common types take a fast path with the same stored
values, decided per batch and column: plain ``int``/``float``/``str``/``bool`` values of the
matching fields are passed on unchanged, and aware UTC datetimes are written as text: on SQLite
as Django's backend stores them, naive UTC ``YYYY-MM-DD HH:MM:SS[.ffffff]``, on PostgreSQL with
the offset ``+00:00`` (the same instant; formatting with cached day and time texts is several
times faster than letting psycopg format every datetime).

What the ORM does and this does not: no ``save()``, no signals, no model validation, no primary
keys returned. Constraints (unique, check, foreign keys) are enforced by the database; a
violation raises ``django.db.IntegrityError`` and, since everything runs in one
``transaction.atomic`` block, nothing of the call is kept. Foreign keys are given as primary key
values (``meter_id``). Fields that are not listed get their default (``auto_now``/``auto_now_add``:
the current time; a callable default is called per row); auto-incremented primary keys,
generated columns and fields with a database default are left to the database.
"""

import datetime as dt
import math
import re
import sqlite3
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
    """Seconds of the day → ``"HH:MM:SS"`` and a suffix (the UTC offset for PostgreSQL)."""

    def __init__(self, suffix):
        super().__init__()
        self.suffix = suffix

    def __missing__(self, seconds):
        hours, rest = divmod(seconds, 3600)
        minutes, seconds_ = divmod(rest, 60)
        text = self[seconds] = f"{hours:02d}:{minutes:02d}:{seconds_:02d}{self.suffix}"
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
        if field.null:
            self.unchanged = self.unchanged | {_NONE}
        self.utc_datetimes = (
            type(target) is models.DateTimeField
            and settings.USE_TZ
            and connection.timezone_name == "UTC"
            and self.vendor in ("sqlite", "postgresql")
        )
        # SQLite: Django stores str(make_naive(value, UTC)); PostgreSQL: text with the offset,
        # which COPY reads as the same instant (psycopg would format each datetime itself, slower)
        self.days, self.times = _DayText(), _TimeText("" if self.vendor == "sqlite" else "+00:00")

    def prepare(self, values):
        kinds = set(map(type, values))
        if kinds <= self.unchanged:
            return values
        if self.utc_datetimes and kinds == {dt.datetime} and set(map(_tzinfo, values)) == {UTC}:
            return self._utc_text(values)
        prep = self.field.get_db_prep_save
        connection = self.connection
        return [prep(value, connection) for value in values]

    def _utc_text(self, values):
        """Aware UTC datetimes → ``YYYY-MM-DD HH:MM:SS[.ffffff]`` (+ ``+00:00`` on PostgreSQL)."""
        deltas = list(map(sub, values, repeat(_EPOCH)))
        if set(map(_microseconds, deltas)) != {0}:
            texts = map(str, values)  # "YYYY-MM-DD HH:MM:SS.ffffff+00:00"
            return [text[:-6] for text in texts] if self.vendor == "sqlite" else list(texts)
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
    write = {"sqlite": _write_sqlite, "postgresql": _write_copy}.get(connection.vendor, _write_generic)
    width = len(given)
    done = 0
    source = iter(rows)
    with transaction.atomic(using=using), connection.cursor() as cursor:
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
                write(cursor, table, names, len(columns), ready, prepared)
            done += len(batch)
            if progress is not None:
                progress(done)
    return done


SQLITE_ROWS_PER_STATEMENT = 1000  # rows of one multi-row INSERT (fewer if the variable limit is lower)


def _write_sqlite(cursor, table, names, width, rows, columns):
    """Multi-row ``INSERT … VALUES (…), (…), …`` statements, each with the parameters of up to
    ``SQLITE_ROWS_PER_STATEMENT`` rows: one call into SQLite per statement instead of one per
    row (``executemany`` binds and steps every row from Python; this is about twice as fast,
    with the same rows, constraints and indexes). Through the sqlite3 cursor itself: Django's
    wrapper would rewrite the placeholders."""
    raw = cursor.cursor
    limit = raw.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per_statement = max(1, min(SQLITE_ROWS_PER_STATEMENT, limit // width))
    one = "(" + ", ".join(["?"] * width) + ")"
    head = f"INSERT INTO {table} ({names}) VALUES "  # noqa: S608 (quoted names only)
    full = head + ", ".join([one] * per_statement)
    execute = sqlite3.Cursor.execute
    source = iter(rows)
    while chunk := list(islice(source, per_statement)):
        sql = full if len(chunk) == per_statement else head + ", ".join([one] * len(chunk))
        execute(raw, sql, list(chain.from_iterable(chunk)))


# what psycopg escapes in a text COPY field (backslash, control characters)
_COPY_ESCAPED = re.compile("[\\x00\\x08\\t\\n\\x0b\\x0c\\r\\\\]")


def _copy_text(columns):
    """The text of a ``COPY … FROM STDIN`` of ``columns`` (lists of values), as psycopg would
    write it row by row, when every column is all ``int``, all finite ``float`` (``repr``, as
    psycopg) or all ``str`` without a character to escape; None otherwise."""
    texts = []
    for values in columns:
        kinds = set(map(type, values))
        if kinds == {str}:
            if _COPY_ESCAPED.search("".join(values)):
                return None
            texts.append(values)
        elif kinds == {int}:
            texts.append(map(str, values))
        elif kinds == {float} and all(map(math.isfinite, values)):
            texts.append(map(repr, values))
        else:
            return None
    return "\n".join(map("\t".join, zip(*texts, strict=True))) + "\n"


def _write_copy(cursor, table, names, width, rows, columns):
    """``COPY … FROM STDIN``: columns of plain values as one text written at once (the values
    formatted column by column, not row by row), other rows through psycopg's ``write_row``."""
    with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        text = _copy_text(columns)
        if text is not None:
            copy.write(text)
            return
        write_row = copy.write_row
        for row in rows:
            write_row(row)


def _write_generic(cursor, table, names, width, rows, columns):
    marks = ", ".join(["%s"] * width)
    cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(rows))  # noqa: S608
