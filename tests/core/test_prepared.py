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


def test_wrong_uses_are_refused(two, cast):
    with pytest.raises(ValueError, match="plain parameter"):
        Rows(lambda agreement_id: m.CostItem.objects.values_list("pk"))(two[0].pk)
    with pytest.raises(TypeError, match="returns a queryset"):
        Rows(lambda agreement_id: list(m.CostItem.objects.filter(agreement_id=agreement_id)))(two[0].pk)
    with pytest.raises(TypeError, match="an id, a date"):
        Rows(lambda flag: m.CostItem.objects.filter(pk=flag))(True)
    with pytest.raises(TypeError, match="an id, a date"):
        Rows(lambda name: m.CostItem.objects.filter(label=name))("Posten 1")
    with pytest.raises(TypeError, match="aware"):
        Rows(lambda moment: m.StatusChange.objects.filter(changed_at__lt=moment))(datetime(2024, 1, 1))
    # the reader stand-in gives nothing but its ids: a build reading more fails loudly
    with pytest.raises(TypeError, match="username"):
        Rows(lambda user: m.Agreement.objects.filter(title=user.username))(cast.a_editor)
    # a read rule that asks more of the reader than its ids (the market's moderators) cannot be kept
    from ikonnekt.market.models import Listing

    with pytest.raises(TypeError, match="_market_moderator"):
        Rows(lambda user: Listing.objects.visible_to(user).values_list("pk"))(cast.a_editor)
    rows = Rows(_changes)
    rows(two[0].pk)
    with pytest.raises(TypeError):
        rows(two[0].pk, two[1].pk)


def test_model_objects_values_and_flat_rows_equal_the_querysets(two):
    builds = [
        lambda agreement_id: (
            m.CostItem.objects.filter(agreement_id=agreement_id).select_related("cost_key").order_by("pk")
        ),
        lambda agreement_id: (
            m.CostItem.objects.filter(agreement_id=agreement_id).only("label", "amount").order_by("-pk")
        ),
        lambda agreement_id: m.CostItem.objects.filter(agreement_id=agreement_id).values("label", "year"),
        lambda agreement_id: m.CostItem.objects.filter(agreement_id=agreement_id).values_list(
            "amount", flat=True
        ),
        lambda agreement_id: m.CostItem.objects.filter(agreement_id=agreement_id).values_list(
            "year", "label", named=True
        ),
    ]
    for build in builds:
        rows = Rows(build)
        for agreement in (*two, *two):
            expected = list(build(agreement.pk))
            got = rows(agreement.pk)
            assert got == expected
            assert [type(r) for r in got] == [type(r) for r in expected]
    item = Rows(builds[0])(two[0].pk)[0]
    with CaptureQueriesContext(connection) as ctx:
        assert item.cost_key.name.startswith("Schlüssel")  # select_related filled, no query
        assert item.amount == Decimal("1234.56")
    assert ctx.captured_queries == []


def test_dates_and_datetimes_are_parameters(two):
    def build(agreement_id, since):
        return m.StatusChange.objects.filter(agreement_id=agreement_id, changed_at__gte=since).values_list(
            "pk"
        )

    def build_dates(since, until):
        return m.TaskTransfer.objects.filter(since__gte=since, since__lt=until).values_list("task")

    rows, dates = Rows(build), Rows(build_dates)
    for moment in (datetime(2024, 1, 1, 9, 29, tzinfo=timezone.get_fixed_timezone(0)), timezone.now()):
        for agreement in two:
            assert rows(agreement.pk, moment) == list(build(agreement.pk, moment))
    assert len(rows(two[0].pk, datetime(2024, 1, 2, 9, 30, tzinfo=timezone.get_fixed_timezone(0)))) == 2
    for day, task in ((date(2024, 2, 28), "a"), (date(2024, 3, 1), "b")):
        m.TaskTransfer.objects.create(
            agreement=two[0],
            task=task,
            from_organisation=two[0].owner,
            to_organisation=two[0].owner,
            since=day,
        )
    assert dates(date(2024, 2, 29), date(2025, 1, 1)) == [("b",)]
    assert dates(date(2024, 1, 1), date(2024, 3, 1)) == [("a",)]


def test_the_readers_rows_equal_the_read_rule_for_every_shape(cast):
    """The read rule kept with marker ids answers as ``visible_to`` does for each reader: members
    of the owner, of a cooperation partner, of an outsider organisation, of two organisations,
    signed out; readers of the same shape share one compiled query with their own ids."""
    from ikonnekt.knowledge.models import Article
    from ikonnekt.organizations.models import Membership
    from tests.knowledge.factories import make_article

    for owner in (cast.org_a, cast.org_b, cast.org_z):
        for visibility in ("private", "cooperation", "platform", "public"):
            make_article(
                cast,
                owner=owner,
                visibility=visibility,
                title=f"{owner.code} {visibility}",
                shared_with=[cast.coop] if visibility == "cooperation" and owner != cast.org_z else (),
            )
    Membership.objects.create(user=cast.z_admin, organisation=cast.org_b, role="viewer")
    built = []

    def build(user):
        built.append(user)
        return Article.objects.visible_to(user).order_by("title").values_list("title", flat=True)

    def editable(user):
        return Article.objects.editable_by(user).filter(created_by_id=user.pk).values_list("title", flat=True)

    rows, own = Rows(build), Rows(editable)
    readers = (cast.a_editor, cast.a_viewer, cast.b_editor, cast.z_admin, cast.anonymous, cast.a_admin)
    for user in readers:
        assert rows(user) == list(build(user)), user
        assert own(user) == list(editable(user)), user
    # own four, the partner's shared, platform-wide and public ones, the outsider's platform and public
    assert len(rows(cast.a_editor)) == 9 and len(rows(cast.b_editor)) == 9
    assert len(rows(cast.anonymous)) == 3
    # a_editor and b_editor have the same shape (one editor role, one cooperation): one build for both;
    # a_viewer, a_admin, z_admin (viewer and admin in two organisations) and the anonymous reader each one
    stand_ins = [u for u in built if not any(u is reader for reader in readers)]
    assert len(stand_ins) == 5


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
