"""core.bulk.bulk_insert: the same stored values as the ORM's bulk_create, all or nothing, progress
per batch; on SQLite (multi-row INSERT) and PostgreSQL (COPY), whichever the test run uses."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, connection, transaction

from ikonnekt.core.bulk import bulk_insert
from ikonnekt.core.models import Job

pytestmark = pytest.mark.django_db

UTC = dt.UTC
BERLIN = ZoneInfo("Europe/Berlin")
FIELDS = ("kind", "label", "organisation_id", "params", "progress", "started_at", "finished_at")


def job_rows(org_id):
    start = dt.datetime(2024, 10, 26, 23, 30, tzinfo=UTC)
    rows = []
    for i in range(12):
        rows.append(
            (
                f"kind-{i}",
                'Zählerstände 12,5 "quoted"\t\\ tab' if i % 3 == 0 else "",
                org_id if i % 2 else None,
                {"n": i, "text": "ä"},
                i * 7,
                start + dt.timedelta(minutes=15 * i, microseconds=250 if i == 5 else 0),
                None if i % 4 == 1 else start + dt.timedelta(hours=i),
            )
        )
    return rows


def stored(ids):
    """Every column as text (on SQLite: as stored), in insertion order, without id and created_at."""
    table = Job._meta.db_table
    columns = [f.column for f in Job._meta.concrete_fields if f.name not in ("id", "created_at")]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(f'CAST({c} AS TEXT)' for c in columns)} FROM {table} WHERE id IN ({', '.join(map(str, ids))}) ORDER BY id"  # noqa: S608
        )
        return cursor.fetchall()


def test_rows_are_stored_as_the_orm_stores_them(cast):
    rows = job_rows(cast.org_a.pk)
    orm = Job.objects.bulk_create([Job(**dict(zip(FIELDS, row, strict=True))) for row in rows])
    orm_ids = [j.pk for j in orm]
    before = set(Job.objects.values_list("pk", flat=True))
    assert bulk_insert(Job, FIELDS, rows, batch_size=5) == 12
    new_ids = sorted(set(Job.objects.values_list("pk", flat=True)) - before)
    assert len(new_ids) == 12
    # the raw column values (on SQLite: the datetime texts) are the same as the ORM's
    assert stored(new_ids) == stored(orm_ids)
    # and read back through the ORM
    values = list(Job.objects.filter(pk__in=new_ids).order_by("pk").values_list(*FIELDS))
    assert values == [
        tuple(v.astimezone(UTC) if isinstance(v, dt.datetime) else v for v in row) for row in rows
    ]
    job = Job.objects.get(pk=new_ids[0])
    assert job.status == "queued" and job.result == {} and job.error == "" and job.created_by_id is None
    assert job.created_at is not None  # auto_now_add: the time of the insert


def test_datetimes_in_other_zones_and_with_microseconds(cast):
    berlin = dt.datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=BERLIN)  # the second 02:30 (CET)
    rows = [
        ("a", berlin),
        ("b", dt.datetime(2024, 3, 31, 3, 0, tzinfo=BERLIN)),
        ("c", dt.datetime(2024, 1, 1, 0, 0, 0, 1, tzinfo=UTC)),
        ("d", dt.datetime(1969, 12, 31, 23, 59, 59, tzinfo=UTC)),
    ]
    for batch in (rows[:2], rows[2:]):  # a batch of zones, a batch of UTC with microseconds
        bulk_insert(Job, ("kind", "started_at"), batch)
    got = dict(Job.objects.filter(kind__in="abcd").values_list("kind", "started_at"))
    assert got == {
        "a": dt.datetime(2024, 10, 27, 1, 30, tzinfo=UTC),
        "b": dt.datetime(2024, 3, 31, 1, 0, tzinfo=UTC),
        "c": rows[2][1],
        "d": rows[3][1],
    }
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT kind, CAST(started_at AS TEXT) FROM core_job WHERE kind IN ('a', 'c', 'd') ORDER BY kind"
            )
            assert cursor.fetchall() == [
                ("a", "2024-10-27 01:30:00"),
                ("c", "2024-01-01 00:00:00.000001"),
                ("d", "1969-12-31 23:59:59"),
            ]


def test_progress_after_each_batch():
    calls = []
    rows = ((f"k{i}",) for i in range(12))  # any iterable, consumed once
    assert bulk_insert(Job, ["kind"], rows, batch_size=5, progress=calls.append) == 12
    assert calls == [5, 10, 12]
    assert bulk_insert(Job, ["kind"], [], progress=calls.append) == 0 and calls == [5, 10, 12]


def test_a_constraint_violation_keeps_nothing():
    Group.objects.create(name="taken")
    rows = [(f"g{i}",) for i in range(10)] + [("taken",)]
    with pytest.raises(IntegrityError):
        bulk_insert(Group, ["name"], rows, batch_size=3)
    assert list(Group.objects.values_list("name", flat=True)) == ["taken"]
    # inside an outer transaction: a savepoint, the outer transaction goes on
    with transaction.atomic():
        with pytest.raises(IntegrityError):
            bulk_insert(Group, ["name"], [("new",), ("new",)])
        bulk_insert(Group, ["name"], [("after",)])
    assert sorted(Group.objects.values_list("name", flat=True)) == ["after", "taken"]


def test_not_null_is_enforced():
    with pytest.raises(IntegrityError):
        bulk_insert(Job, ["kind", "progress"], [("k", 1), ("k", None)])
    assert not Job.objects.exists()


def test_rows_of_the_wrong_width_are_refused():
    with pytest.raises(ValueError, match="2 values"):
        bulk_insert(Job, ["kind", "label"], [("a", "b"), ("c",)])
    with pytest.raises(ValueError, match="2 values"):
        bulk_insert(Job, ["kind", "label"], [("a", "b", "c")])
    assert not Job.objects.exists()


@pytest.mark.parametrize("per_statement", [1, 4, 5])
def test_rows_split_over_several_statements_are_all_stored_in_order(per_statement, monkeypatch):
    """SQLite writes multi-row INSERTs of ``SQLITE_ROWS_PER_STATEMENT`` rows and a shorter last one."""
    from ikonnekt.core import bulk

    monkeypatch.setattr(bulk, "SQLITE_ROWS_PER_STATEMENT", per_statement)
    rows = [(f"k{i}", i) for i in range(11)]
    assert bulk_insert(Job, ["kind", "progress"], iter(rows), batch_size=7) == 11
    assert list(Job.objects.order_by("id").values_list("kind", "progress")) == rows


def entry_rows(ct_id):
    """Rows of plain columns only (ints, texts, dates; updated_at is auto_now): on PostgreSQL
    they are written as a binary COPY."""
    texts = ['Zählerstände 12,5 "quoted"\t\\ tab\nline', "", "\\N", "a\r\x7fb"]
    return [
        (
            ct_id,
            10**12 + i,
            "shared",
            None if i % 3 == 0 else 2**40 + i,
            texts[i % 4][:12],  # visibility: varchar(12)
            texts[(i + 1) % 4] or "Titel",
            texts[(i + 2) % 4],
            None if i % 2 else dt.date(1969 + i, 12, 31),
        )
        for i in range(9)
    ]


ENTRY = ("content_type_id", "object_id", "rule", "owner_id", "visibility", "title", "body", "date")


def test_plain_columns_are_stored_as_the_orm_stores_them(monkeypatch):
    from django.contrib.contenttypes.models import ContentType

    from ikonnekt.core import bulk
    from ikonnekt.search.models import SearchEntry

    chosen = []
    binary_type = bulk._Column.binary_type

    def spy(self, values):
        chosen.append(binary_type(self, values))
        return chosen[-1]

    monkeypatch.setattr(bulk._Column, "binary_type", spy)
    ct = ContentType.objects.get_for_model(Job)
    rows = entry_rows(ct.pk)
    orm = SearchEntry.objects.bulk_create(
        [SearchEntry(**dict(zip(ENTRY, (*row[:1], row[1] + 100, *row[2:]), strict=True))) for row in rows]
    )
    assert bulk_insert(SearchEntry, ENTRY, rows, batch_size=4) == 9
    columns = ["object_id", "rule", "owner_id", "visibility", "title", "body", "date"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(f'CAST({c} AS TEXT)' for c in columns)} FROM search_searchentry ORDER BY id"  # noqa: S608
        )
        got = cursor.fetchall()
    assert len(orm) == 9 and len(got) == 18
    assert [(str(int(r[0]) - 100), *r[1:]) for r in got[:9]] == got[9:]
    assert list(SearchEntry.objects.order_by("id").values_list(*ENTRY))[9:] == rows
    if connection.vendor == "postgresql":  # every batch went the binary way
        assert chosen and None not in chosen
        assert {"int8", "text", "date", "timestamptz"} <= set(chosen)


def test_integers_out_of_the_column_range_are_refused_by_the_server():
    """PostgreSQL: a batch with a value outside smallint is written as text and the server's
    error (not a client-side packing error) is raised; nothing is kept."""
    from django.db import DataError

    if connection.vendor != "postgresql":
        pytest.skip("column ranges are PostgreSQL's")
    rows = [(f"k{i}", 2**15 if i == 3 else i) for i in range(5)]
    from ikonnekt.core.bulk import _Column

    column = _Column(Job._meta.get_field("progress"), connection)
    assert column.binary_type([1, 2]) in ("int2", "int4", "int8")
    assert column.binary_type([1, 2, 2**63]) is None
    with pytest.raises((DataError, IntegrityError)):
        bulk_insert(Job, ("kind", "progress"), rows)
    assert not Job.objects.exists()
