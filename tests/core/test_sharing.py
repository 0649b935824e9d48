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
