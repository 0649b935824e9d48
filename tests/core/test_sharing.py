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
