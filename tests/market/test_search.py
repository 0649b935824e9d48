import pytest

from ikonnekt.search.engine import search_all
from tests.market.factories import make_listing, make_product, make_profile

pytestmark = pytest.mark.django_db


def _titles(user, query):
    return {hit["title"] for group in search_all(user, query) for hit in group["hits"]}


def _urls(user, query):
    return {hit["url"] for group in search_all(user, query) for hit in group["hits"]}


def test_profiles_products_and_approved_listings_appear_in_global_search(cast):
    make_profile(cast, owner=cast.org_a, visibility="public")
    make_product(cast, owner=cast.org_a, visibility="public")
    approved = make_listing(cast, owner=cast.org_a, visibility="public")
    pending = make_listing(cast, owner=cast.org_a, visibility="public", status="pending")
    assert "Hof Gemeinde A" in _titles(cast.anonymous, "Hof")
    assert "Äpfel" in _titles(cast.anonymous, "Äpfel")
    urls = _urls(cast.z_admin, "Holzhackschnitzel")
    assert approved.get_absolute_url() in urls and pending.get_absolute_url() not in urls
    # the address is not searchable (never part of the index)
    assert not _titles(cast.z_admin, "Geheimweg")
