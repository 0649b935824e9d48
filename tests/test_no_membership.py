"""A signed-in user without any membership (a market customer) never meets a server error:
every page without an id in its address answers with a page, a redirect or a refusal."""

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import make_user

SKIP_PREFIXES = ("admin:", "api:")


def _walk(resolver, namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            yield from _walk(entry, f"{namespace}:{ns}" if namespace and ns else (ns or namespace))
        elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.converters:
            yield f"{namespace}:{entry.name}" if namespace else entry.name


def page_names():
    names = []
    for name in sorted(set(_walk(get_resolver()))):
        if name.startswith(SKIP_PREFIXES) or "logout" in name:
            continue
        try:
            reverse(name)
        except NoReverseMatch:  # needs arguments the pattern does not show (regex routes)
            continue
        names.append(name)
    return names


@pytest.mark.django_db
def test_pages_for_a_user_without_membership(cast, client):
    user = make_user("kundin-ohne-organisation")
    client.force_login(user, backend="ikonnekt.accounts.backends.UsernameOrEmailBackend")
    failures = {}
    for name in page_names():
        response = client.get(reverse(name))
        if response.status_code >= 500:
            failures[name] = response.status_code
    assert not failures, failures
    assert client.get(reverse("market:listing_create")).status_code == 302  # told to ask an organisation
