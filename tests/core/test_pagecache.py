"""The per-session page cache: what raises the data generation, and when a stored page may be
served (never to another session, never after a write, a sign-out or an organisation switch)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from ikonnekt.core import pagecache
from ikonnekt.core.models import AuditLog
from ikonnekt.organizations.models import Organisation
from tests.cooperations.factories import make_cooperation

LIST = "/cooperations/"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="ikonnekt.accounts.backends.UsernameOrEmailBackend")
    client.get(LIST)  # the CSRF cookie arrives with the first page
    return client


def fetch(client, url=LIST):
    response = client.get(url)
    assert response.status_code == 200
    return response, response.get("X-Page-Cache")


# --- the generation ------------------------------------------------------------------------
@pytest.mark.django_db
def test_every_kind_of_write_raises_the_generation(cast):
    def raised(write):
        before = pagecache.generation()
        write()
        return pagecache.generation() > before

    assert raised(lambda: Organisation.objects.create(name="X", slug="x", code="X", kind="company"))
    assert raised(lambda: Organisation.objects.filter(slug="x").update(name="Y"))
    assert raised(lambda: AuditLog.objects.bulk_create([AuditLog(action="other", object_repr="b")]))
    assert raised(lambda: cast.coop.goals.clear())

    def raw():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE organizations_organisation SET name = 'Z' WHERE slug = 'x'")

    assert raised(raw)
    assert raised(lambda: Organisation.objects.filter(slug="x").delete())
    assert not raised(lambda: Organisation.objects.filter(slug="gibt-es-nicht").exists())


@pytest.mark.django_db
def test_one_raise_per_transaction_and_none_for_a_rolled_back_savepoint(cast):
    before = pagecache.generation()
    with transaction.atomic():
        for n in range(3):
            Organisation.objects.create(name=f"O{n}", slug=f"o{n}", code=f"O{n}", kind="company")
    assert pagecache.generation() == before + 1

    before = pagecache.generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        Organisation.objects.create(name="R", slug="r", code="R", kind="company")
        raise RuntimeError
    assert pagecache.generation() == before
    assert not Organisation.objects.filter(slug="r").exists()


@pytest.mark.django_db(transaction=True)
def test_commit_mode_raises_after_the_commit_and_not_after_a_rollback(settings):
    settings.PAGE_CACHE_BUMP = "commit"
    before = pagecache.generation()
    with transaction.atomic():
        Organisation.objects.create(name="C", slug="c", code="C", kind="company")
        Organisation.objects.create(name="D", slug="d", code="D", kind="company")
        with connection.cursor() as cursor:  # other connections cannot see a raise yet
            cursor.execute("SELECT value FROM core_datageneration WHERE id = 1")
            assert cursor.fetchone()[0] == before
    assert pagecache.generation() == before + 1

    with pytest.raises(RuntimeError), transaction.atomic():
        Organisation.objects.create(name="E", slug="e", code="E", kind="company")
        raise RuntimeError
    assert pagecache.generation() == before + 1
    # the next transaction raises again: nothing is left over from the rolled-back one
    with transaction.atomic():
        Organisation.objects.create(name="F", slug="f", code="F", kind="company")
    assert pagecache.generation() == before + 2


@pytest.mark.django_db
def test_a_flushed_counter_starts_again_far_away(cast):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_datageneration")
    assert pagecache.generation() is None  # no caching without the row
    pagecache.bump()
    assert pagecache.generation() > 10**9


# --- serving pages -------------------------------------------------------------------------
@pytest.mark.django_db
def test_second_request_is_served_from_the_cache_with_the_same_content(cast):
    client = signed_in(cast.a_editor)
    first, state1 = fetch(client)
    second, state2 = fetch(client)
    assert (state1, state2) == ("miss", "hit")
    assert second.content == first.content
    assert "private" in second["Cache-Control"]
    assert second["X-Frame-Options"] == "DENY"  # headers of the stored page come along
    assert "Content-Security-Policy" in second


@pytest.mark.django_db
def test_a_write_makes_the_stored_page_stale(cast):
    client = signed_in(cast.a_editor)
    fetch(client)
    fetch(client)
    coop = make_cooperation(cast, owner=cast.org_a, visibility="platform")
    response, state = fetch(client)
    assert state == "miss"
    assert coop.name in response.content.decode()


@pytest.mark.django_db
def test_another_session_never_gets_the_stored_page(cast):
    private = make_cooperation(cast, owner=cast.org_a, visibility="private")
    owner_client = signed_in(cast.a_editor)
    fetch(owner_client)
    assert fetch(owner_client)[1] == "hit"
    outsider = signed_in(cast.z_admin)
    response, state = fetch(outsider)
    assert state != "hit"
    assert private.name not in response.content.decode()
    # the same user in a second browser: a session of its own, a page of its own
    second_browser = signed_in(cast.a_editor)
    assert fetch(second_browser)[1] != "hit"


@pytest.mark.django_db
def test_a_stolen_cookie_gets_nothing_after_sign_out(cast):
    client = signed_in(cast.a_editor)
    fetch(client)
    assert fetch(client)[1] == "hit"
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    client.post(reverse("accounts:logout"))
    replay = Client()
    for name, value in cookies.items():
        replay.cookies[name] = value
    response = replay.get(LIST)
    assert response.get("X-Page-Cache") != "hit"


@pytest.mark.django_db
def test_switching_the_organisation_is_not_answered_from_the_cache(cast):
    from ikonnekt.organizations.models import Membership

    Membership.objects.create(user=cast.a_editor, organisation=cast.org_b, role="viewer")
    client = signed_in(cast.a_editor)
    fetch(client, "/")
    assert fetch(client, "/")[1] == "hit"
    client.post(reverse("organizations:switch"), {"organisation": cast.org_b.pk})
    assert fetch(client, "/")[1] != "hit"


@pytest.mark.django_db
def test_pages_with_waiting_messages_are_shown_once_and_not_stored(cast):
    from ikonnekt.organizations.models import Membership

    Membership.objects.create(user=cast.a_editor, organisation=cast.org_b, role="viewer")
    client = signed_in(cast.a_editor)
    fetch(client, "/")
    fetch(client, "/")
    client.post(reverse("organizations:switch"), {"organisation": cast.org_b.pk})
    response, state = fetch(client, "/")
    assert state != "hit"
    assert "Stadt B" in response.content.decode()
    assert response.content.decode().count("alert-success") == 1  # the "you now act for" message
    again, _state = fetch(client, "/")
    assert "alert-success" not in again.content.decode()


@pytest.mark.django_db
def test_anonymous_visitors_and_views_that_did_not_opt_in_are_not_stored(cast):
    anonymous = Client()
    anonymous.get(LIST)
    assert anonymous.get(LIST).get("X-Page-Cache") is None
    client = signed_in(cast.a_editor)
    detail = reverse("cooperations:detail", args=[cast.coop.pk])
    client.get(detail)
    assert client.get(detail).get("X-Page-Cache") is None


@pytest.mark.django_db
def test_the_cache_can_be_turned_off(cast, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client = signed_in(cast.a_editor)
    fetch(client)
    assert fetch(client)[1] is None


@pytest.mark.django_db
def test_a_deactivated_user_is_signed_out_not_served(cast):
    private = make_cooperation(cast, owner=cast.org_a, visibility="private")
    client = signed_in(cast.a_editor)
    fetch(client)
    assert private.name in fetch(client)[0].content.decode()
    get_user_model().objects.filter(pk=cast.a_editor.pk).update(is_active=False)
    response = client.get(LIST)
    assert response.get("X-Page-Cache") != "hit"
    assert private.name not in response.content.decode()  # answered as to a signed-out visitor


@pytest.mark.django_db
def test_only_requests_to_opted_in_pages_read_the_generation(cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(cast.a_editor)

    def reads_generation(url):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return any("core_datageneration" in q["sql"] for q in queries.captured_queries)

    assert reads_generation(LIST)
    assert not reads_generation("/ping")
    assert not reads_generation(reverse("cooperations:detail", args=[cast.coop.pk]))
    assert not Client().get(LIST).get("X-Page-Cache")  # no cookies: not even looked up
    assert pagecache.opted_in("/") and pagecache.opted_in(LIST)
    assert not pagecache.opted_in("/ping") and not pagecache.opted_in("/gibt-es-nicht/")
