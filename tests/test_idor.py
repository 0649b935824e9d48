"""Walk every registered URL and API route that takes an object id, as an outsider, with
another organisation's private object: every one must answer 404 (never 200, 403 or 500).

A route whose model the walker cannot tell fails the test: declare it with
``view.shareable_model = Model`` (function views), ``model`` (class views) or the viewset's
``queryset``, and register a factory in ``tests/<app>/factories.py``.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import FACTORIES, make

# Routes with ids that are not shared objects, with the reason.
NOT_SHARED = {
    "organizations:membership_role": "membership of an organisation (checked separately)",
    "organizations:membership_end": "membership of an organisation (checked separately)",
    "core:job_detail": "jobs are checked in tests/core/test_jobs.py",
    "core:job_progress": "jobs are checked in tests/core/test_jobs.py",
    "accounts:token_revoke": "own tokens only, tested in tests/accounts",
    "api:membership-detail": "memberships: admin only, tested in tests/organizations",
    "api:auditlog-detail": "audit rows: admins of the owner, tested in tests/core",
    "api:job-detail": "jobs are checked in tests/core/test_jobs.py",
    "legal:erase_user": "a person, not a shared object: administrators of all their organisations, tests/legal",
    "core:stored_file": "model and field come from the URL; visibility per registered field in tests/core/test_files.py",
}


def _walk(resolver, prefix="", namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, entry.callback, entry.pattern.converters


def _model_of(callback):
    model = getattr(callback, "shareable_model", None)
    if model is None and hasattr(callback, "view_class"):
        model = getattr(callback.view_class, "model", None)
    if model is None and hasattr(callback, "cls"):
        model = getattr(callback.cls, "idor_model", None)
        queryset = getattr(callback.cls, "queryset", None)
        if model is None and queryset is not None:
            model = queryset.model
    return model


def id_routes():
    routes = []
    for pattern, name, callback, converters in _walk(get_resolver()):
        int_args = [k for k, conv in converters.items() if type(conv).__name__ == "IntConverter"]
        if not int_args or name is None or name in NOT_SHARED or "format" in converters:
            continue
        routes.append((pattern, name, callback, converters))
    return routes


ROUTES = id_routes()


def test_every_id_route_declares_its_model():
    unknown = [name for _p, name, cb, _c in ROUTES if _model_of(cb) not in FACTORIES]
    assert not unknown, (
        "These routes take an id but the IDOR walker cannot make a test object for them; set "
        "`shareable_model`/`model`/`queryset` and register a factory in tests/<app>/factories.py: "
        f"{unknown}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted({name for _p, name, cb, _c in ROUTES if _model_of(cb) in FACTORIES}))
def test_outsider_gets_404_for_foreign_private_objects(cast, client_for, name):
    from django.urls import reverse

    pattern, _name, callback, converters = next(r for r in ROUTES if r[1] == name)
    model = _model_of(callback)
    obj = make(model, cast, owner=cast.org_b, visibility="private", created_by=cast.b_editor, shared_with=[])
    kwargs = {}
    for key, conv in converters.items():
        if type(conv).__name__ == "IntConverter":
            kwargs[key] = obj.pk
        else:
            pytest.skip(f"{name} needs a non-numeric argument {key}")
    url = reverse(name, kwargs=kwargs)
    client = client_for(cast.z_admin)
    assert client.get(url).status_code in (404, 405), f"GET {url}"
    assert client.post(url, {}).status_code in (404, 405), f"POST {url}"
    assert model.objects.filter(pk=obj.pk).exists()
