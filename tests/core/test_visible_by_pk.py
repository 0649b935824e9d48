"""get_visible_by_pk_or_404: the detail pages' read of one object, its SQL kept per reader shape."""

import pytest
from django.http import Http404

from ikonnekt.core.sharing import get_visible_by_pk_or_404, get_visible_or_404
from ikonnekt.knowledge.models import Article
from ikonnekt.market.models import Listing
from tests.knowledge.factories import make_article

pytestmark = pytest.mark.django_db


def _answer(model, user, pk, select_related=()):
    try:
        return get_visible_by_pk_or_404(model, user, pk, select_related)
    except Http404:
        return None


def test_each_reader_gets_what_the_read_rule_gives(cast):
    articles = [
        make_article(cast, owner=owner, visibility=visibility, shared_with=shared)
        for owner in (cast.org_a, cast.org_b, cast.org_z)
        for visibility, shared in (
            ("private", ()),
            ("cooperation", (cast.coop,) if owner != cast.org_z else ()),
            ("platform", ()),
            ("public", ()),
        )
    ]
    for user in (cast.a_editor, cast.b_viewer, cast.z_admin, cast.anonymous, cast.a_editor):
        visible = set(Article.objects.visible_to(user).values_list("pk", flat=True))
        for article in articles:
            got = _answer(Article, user, article.pk, ("owner",))
            assert (got is not None) == (article.pk in visible), (user, article.title)
            if got is not None:
                assert got == article and got.owner.name == article.owner.name
            # the model-and-pk form of get_visible_or_404 answers the same
            try:
                plain = get_visible_or_404(Article, user, pk=article.pk)
            except Http404:
                plain = None
            assert plain == got
    assert _answer(Article, cast.a_editor, 10**9) is None


def test_a_rule_that_asks_more_than_ids_falls_back_to_the_queryset(cast):
    from ikonnekt.organizations.models import Membership, Organisation
    from tests.conftest import make_user
    from tests.market.factories import make_listing

    pending = make_listing(cast, owner=cast.org_a, visibility="public", status="pending")
    district = Organisation.objects.create(name="Landkreis D", slug="lk-d", kind="district")
    staff = make_user("lk_staff")
    Membership.objects.create(user=staff, organisation=district, role="editor")
    assert _answer(Listing, staff, pending.pk) == pending  # a moderator sees pending listings
    assert _answer(Listing, cast.b_editor, pending.pk) is None
    assert _answer(Listing, cast.a_viewer, pending.pk) == pending  # the lister's members
