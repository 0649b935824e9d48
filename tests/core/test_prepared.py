"""core.prepared.Rows: the rows of the ORM's values_list query, with its SQL compiled once."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ikonnekt.administration import models as m
from ikonnekt.core.prepared import Rows
from tests.administration.factories import make_agreement

pytestmark = pytest.mark.django_db


def _changes(agreement_id):
    return (
        m.StatusChange.objects.filter(agreement_id=agreement_id)
        .order_by("-changed_at")
        .values_list("changed_at", "to_status", "changed_by__username", "agreement__cooperation__name")
    )


def _items(agreement_id, year_from):
    return (
        m.CostItem.objects.filter(
            agreement_id=agreement_id, year__gte=2000, cost_key__agreement_id=agreement_id
        )
        .exclude(pk=year_from)
        .values_list("pk", "year", "amount", "overhead_rate_percent", "cost_key__name")
    )


@pytest.fixture
def two(cast):
    first = make_agreement(cast, owner=cast.org_a)
    second = make_agreement(cast, owner=cast.org_b)
    for agreement, n in ((first, 3), (second, 1)):
        key = m.CostKey.objects.create(agreement=agreement, name=f"Schlüssel {agreement.pk}")
        for i in range(n):
            m.CostItem.objects.create(
                agreement=agreement,
                year=2020 + i,
                category="material",
                label=f"Posten {i}",
                amount=Decimal("1234.56") * (i + 1),
                overhead_rate_percent=Decimal("15") if i == 1 else None,
                cost_key=key,
            )
            m.StatusChange.objects.create(
                agreement=agreement,
                to_status="signed",
                changed_by=cast.a_admin if i else None,
                changed_at=timezone.make_aware(
                    datetime(2024, 1, 1 + i, 10, 30), timezone.get_fixed_timezone(60)
                ),
            )
    return first, second


def test_rows_equal_the_querysets_rows_for_each_argument(two):
    changes, items = Rows(_changes), Rows(_items)
    for agreement in two:
        assert changes(agreement.pk) == list(_changes(agreement.pk))
        skipped = agreement.cost_items.order_by("pk").first().pk
        assert items(agreement.pk, skipped) == list(_items(agreement.pk, skipped))
    assert changes(0) == []
    # converted as the ORM converts: aware datetimes, decimals, dates
    first = changes(two[0].pk)[0][0]
    assert timezone.is_aware(first) and first == datetime(
        2024, 1, 3, 9, 30, tzinfo=timezone.get_fixed_timezone(0)
    )
    assert {type(row[2]) for row in items(two[0].pk, 0)} == {Decimal}
    dates = Rows(
        lambda agreement_id: m.TaskTransfer.objects.filter(agreement_id=agreement_id).values_list("since")
    )
    m.TaskTransfer.objects.create(
        agreement=two[1],
        task="x",
        from_organisation=two[1].owner,
        to_organisation=two[1].owner,
        since=date(2024, 2, 29),
    )
    assert dates(two[1].pk) == [(date(2024, 2, 29),)]


def test_one_query_and_the_sql_built_once(two, monkeypatch):
    built = []

    def build(agreement_id):
        built.append(agreement_id)
        return _changes(agreement_id)

    rows = Rows(build)
    with CaptureQueriesContext(connection) as ctx:
        for agreement in (*two, *two):
            rows(agreement.pk)
    assert len(ctx.captured_queries) == 4
    assert len(built) == 1 and built[0] not in {a.pk for a in two}  # built with a marker, not a real id


def test_wrong_uses_are_refused(two):
    with pytest.raises(ValueError, match="plain parameter"):
        Rows(lambda agreement_id: m.CostItem.objects.values_list("pk"))(two[0].pk)
    with pytest.raises(TypeError, match="values_list"):
        Rows(lambda agreement_id: m.CostItem.objects.filter(agreement_id=agreement_id).values("pk"))(
            two[0].pk
        )
    with pytest.raises(TypeError, match="values_list"):
        Rows(
            lambda agreement_id: m.CostItem.objects.filter(agreement_id=agreement_id).values_list(
                "pk", flat=True
            )
        )(two[0].pk)
    rows = Rows(_changes)
    rows(two[0].pk)
    with pytest.raises(TypeError, match="takes 1 ids"):
        rows(two[0].pk, two[1].pk)


def test_an_id_compared_with_a_text_column(cast):
    from django.contrib.contenttypes.models import ContentType

    from ikonnekt.core.models import AuditLog

    content_type = ContentType.objects.get_for_model(m.Agreement)
    for object_id in ("7", "7", "70", "8"):
        AuditLog.objects.create(actor_name="x", action="view", content_type=content_type, object_id=object_id)

    def build(content_type_id, object_id):
        return AuditLog.objects.filter(content_type_id=content_type_id, object_id=str(object_id)).values_list(
            "object_id", "action"
        )

    rows = Rows(build)
    for object_id in (7, 70, 8, 9):
        assert rows(content_type.pk, object_id) == list(build(content_type.pk, object_id))
    assert len(rows(content_type.pk, 7)) == 2
