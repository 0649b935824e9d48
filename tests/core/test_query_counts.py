"""List pages and endpoints run a constant number of queries, whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cooperations.factories import make_announcement, make_cooperation

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/cooperations/",
    "/cooperations/announcements/",
    "/organizations/",
    "/cooperations/network/",
    "/cooperations/goals/",
    "/api/v1/cooperations/",
    "/api/v1/announcements/",
    "/api/v1/organisations/",
]


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _add_rows(cast, n):
    for _ in range(n):
        coop = make_cooperation(cast, owner=cast.org_a, visibility="platform", shared_with=[cast.coop])
        note = make_announcement(cast, owner=cast.org_b, visibility="cooperation", shared_with=[cast.coop])
        del coop, note


@pytest.mark.parametrize("url", PAGES)
def test_query_count_does_not_grow_with_rows(cast, client_for, url):
    client = client_for(cast.a_editor)
    _add_rows(cast, 2)
    client.get(url)  # warm caches (content types, sessions)
    few = _count(client, url)
    _add_rows(cast, 10)
    many = _count(client, url)
    assert many == few, f"{url}: {few} queries with few rows, {many} with more"
