"""The sharing rule itself: visible_to, cooperation scoping and the access helpers."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from ikonnekt.cooperations.models import Announcement, Cooperation, Participation
from ikonnekt.core.sharing import get_editable_or_404, get_visible_or_404, validate_sharing
from tests.cooperations.factories import make_cooperation

pytestmark = pytest.mark.django_db


def test_visible_to_returns_no_duplicates_when_shared_with_several_cooperations(cast):
    other = make_cooperation(cast, owner=cast.org_a, visibility="private")
    Participation.objects.create(cooperation=other, organisation=cast.org_b, part="partner")
    # A cooperation visible through two paths (participant + cooperation visibility) appears once.
    visible = list(Cooperation.objects.visible_to(cast.b_viewer))
    assert len(visible) == len(set(visible))


def test_ended_cooperation_no_longer_shares_objects(cast):
    from ikonnekt.core.sharing import forget_user_caches, user_cooperation_ids

    assert cast.coop.pk in user_cooperation_ids(cast.b_viewer)
    cast.coop.status = "ended"
    cast.coop.save()
    forget_user_caches(cast.b_viewer)
    assert cast.coop.pk not in user_cooperation_ids(cast.b_viewer)


def test_anonymous_sees_public_only(cast):
    public = make_cooperation(cast, owner=cast.org_a, visibility="public")
    platform = make_cooperation(cast, owner=cast.org_a, visibility="platform")
    visible = set(Cooperation.objects.visible_to(cast.anonymous))
    assert public in visible and platform not in visible


def test_get_visible_or_404_hides_existence(cast):
    private = make_cooperation(cast, owner=cast.org_a, visibility="private")
    with pytest.raises(Http404):
        get_visible_or_404(Cooperation, cast.z_admin, pk=private.pk)
    with pytest.raises(Http404):
        get_visible_or_404(Cooperation, cast.z_admin, pk=999999)
    with pytest.raises(Http404):
        get_visible_or_404(Cooperation, cast.z_admin, pk="not-a-number")


def test_get_editable_or_404_distinguishes_read_only_from_invisible(cast):
    platform = make_cooperation(cast, owner=cast.org_a, visibility="platform")
    with pytest.raises(PermissionDenied):
        get_editable_or_404(Cooperation, cast.z_admin, pk=platform.pk)
    assert get_editable_or_404(Cooperation, cast.a_admin, pk=platform.pk) == platform


def test_sharing_requires_a_cooperation_the_owner_takes_part_in(cast):
    foreign = Cooperation.objects.create(
        name="Z only", form="netzwerk", owner=cast.org_z, visibility="private"
    )
    Participation.objects.create(cooperation=foreign, organisation=cast.org_z, part="lead")
    note = Announcement.objects.create(owner=cast.org_a, title="Hinweis", visibility="cooperation")
    note.shared_with.set([foreign])
    with pytest.raises(ValidationError) as exc:
        validate_sharing(note)
    assert "shared_with" in exc.value.message_dict
    note.shared_with.set([cast.coop])
    validate_sharing(note)


def test_cooperation_visibility_without_cooperations_is_refused(cast):
    note = Announcement.objects.create(owner=cast.org_a, title="Hinweis", visibility="cooperation")
    with pytest.raises(ValidationError):
        validate_sharing(note)


@pytest.mark.parametrize("user", ["a_admin", "a_viewer", "b_editor", "b_viewer", "z_admin"])
def test_the_one_condition_selects_what_the_rule_says(cast, user):
    """``ReadRule`` (the rule as one SQL condition) against the rule written as ORM lookups, on
    every visibility, shared and not shared, with several cooperations and a subquery use."""
    from django.db.models import Exists, OuterRef, Q

    from ikonnekt.core.sharing import Visibility, user_cooperation_ids, user_org_ids
    from ikonnekt.documents.models import Document

    other = make_cooperation(cast, owner=cast.org_b, visibility="private")
    Participation.objects.create(cooperation=other, organisation=cast.org_z, part="partner")
    made = []
    for owner in (cast.org_a, cast.org_b, cast.org_z):
        for visibility in Visibility.values:
            for shared in ([], [cast.coop], [other], [cast.coop, other]):
                if shared and visibility != Visibility.COOPERATION:
                    continue
                doc = Document.objects.create(
                    owner=owner, visibility=visibility, title=f"{owner.code} {visibility} {len(shared)}"
                )
                doc.shared_with.set(shared)
                made.append(doc)
    viewer = cast.user(user)
    orgs, coops = user_org_ids(viewer), user_cooperation_ids(viewer)
    oracle = Q(visibility__in=[Visibility.PUBLIC, Visibility.PLATFORM]) | Q(owner_id__in=orgs)
    oracle |= Q(visibility=Visibility.COOPERATION, shared_with__in=coops)
    expected = set(Document.objects.filter(oracle).values_list("pk", flat=True))
    assert set(Document.objects.visible_to(viewer).values_list("pk", flat=True)) == expected
    assert 0 < len(expected) < len(made)
    # as a subquery (relabelled table alias) it selects the same
    inner = Document.objects.visible_to(viewer).filter(pk=OuterRef("pk"))
    assert set(Document.objects.filter(Exists(inner)).values_list("pk", flat=True)) == expected
    # and negated, the rest
    rest = set(Document.objects.exclude(Document.visible_to_q(viewer)).values_list("pk", flat=True))
    assert rest == {d.pk for d in made} - expected


def _fields(obj):
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_memberships_and_cooperations_read_as_plain_sql_equal_the_orm(cast):
    """``user_memberships`` and ``user_cooperation_ids`` run plain SQL written from the models'
    meta; they give what the ORM queries gave: the same memberships with every field converted
    (times, booleans, decimals) and the organisation joined, ordered by organisation name, and
    the cooperations not ended."""
    from decimal import Decimal

    from ikonnekt.core.sharing import forget_user_caches, user_cooperation_ids, user_memberships
    from ikonnekt.organizations.models import Membership

    cast.org_b.area_km2 = Decimal("12.34")
    cast.org_b.is_transfer_municipality = True
    cast.org_b.save()
    Membership.objects.create(user=cast.a_editor, organisation=cast.org_b, role="viewer")
    ended = make_cooperation(cast, owner=cast.org_b, visibility="private")
    Participation.objects.get_or_create(cooperation=ended, organisation=cast.org_b, defaults={"part": "lead"})
    Cooperation.objects.filter(pk=ended.pk).update(status="ended")
    running = make_cooperation(cast, owner=cast.org_z, visibility="private")
    Participation.objects.get_or_create(
        cooperation=running, organisation=cast.org_b, defaults={"part": "partner"}
    )
    for user in (cast.a_editor, cast.b_viewer, cast.a_viewer):
        forget_user_caches(user)
        got = user_memberships(user)
        expected = list(
            Membership.objects.filter(user_id=user.pk)
            .select_related("organisation")
            .order_by("organisation__name")
        )
        assert [(_fields(m), _fields(m.organisation)) for m in got] == [
            (_fields(m), _fields(m.organisation)) for m in expected
        ]
        assert all(m._state.fields_cache["organisation"] is m.organisation for m in got)  # no query for it
        assert all(not m._state.adding and m._state.db == "default" for m in got)
        orgs = [m.organisation_id for m in expected]
        assert user_cooperation_ids(user) == frozenset(
            Participation.objects.filter(organisation_id__in=orgs)
            .exclude(cooperation__status="ended")
            .values_list("cooperation_id", flat=True)
        )
    assert len(user_memberships(cast.a_editor)) == 2
    assert running.pk in user_cooperation_ids(cast.a_editor) and ended.pk not in user_cooperation_ids(
        cast.a_editor
    )
    org_b = next(
        m.organisation for m in user_memberships(cast.a_editor) if m.organisation_id == cast.org_b.pk
    )
    assert org_b.area_km2 == Decimal("12.34") and org_b.is_transfer_municipality is True
    assert org_b.created_at.tzinfo is not None
