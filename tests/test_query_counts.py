"""Pinned query counts of every page (NetBox keeps such a file): a page whose number of queries
grows with the data, or goes past its pin in ``tests/query_counts.json``, fails here, not in a
benchmark.

The data: ``ROWS`` objects of every shared model (all test factories), visible to the signed-in
editor of organisation A, half of them hung below the *fixed* objects (every foreign key to a
model with a factory is pointed at the first object made of that model), so lists grow and
detail pages of the fixed objects get more children. Every page without an id and every page
that takes the id of a fixed object is read as the editor, the queries counted, then as many
objects again are made and every page read once more: the count must not grow and must stay
at or below its pin and at or below ``LIMIT``.

After an intended change, rewrite the pins with

    UPDATE_QUERY_COUNTS=1 .venv/bin/pytest -q -p no:cacheprovider -n 0 tests/test_query_counts.py
"""

import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikonnekt.organizations.models import Organisation
from tests.factories import FACTORIES, make
from tests.test_idor import id_routes
from tests.test_no_membership import page_names

PINS = Path(__file__).with_name("query_counts.json")
LIMIT = 20
ROWS = 3
# Pages allowed past LIMIT, with the reason (the pin still holds them; keep this list short).
OVER_LIMIT = {}
# Pages that are not HTML pages of the platform (downloads, feeds) or that a GET changes.
SKIP = ("logout", "login", "password", "signup", "healthz", "readyz", "ping", "switch")


def _make_rows(cast, fixed):
    """One object of every shared model, the second and later ones below the fixed objects."""
    for model in FACTORIES:
        try:
            with transaction.atomic():
                obj = make(model, cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
        except IntegrityError:  # one per organisation (a business profile): another owner
            number = Organisation.objects.count()
            owner = Organisation.objects.create(
                name=f"Firma {number}", slug=f"firma-{number}", kind="company"
            )
            obj = make(model, cast, owner=owner, visibility="platform", created_by=cast.a_editor)
        if model not in fixed:
            fixed[model] = obj
            continue
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation and field.many_to_one else None
            parent = fixed.get(target)
            if parent is None or parent == obj:
                continue
            try:
                with transaction.atomic():
                    model.objects.filter(pk=obj.pk).update(**{field.name: parent})
            except IntegrityError:  # a unique constraint on the parent: leave it where it is
                pass


def _pages(fixed):
    pages = {name: reverse(name) for name in page_names() if not any(s in name for s in SKIP)}
    for _pattern, name, _callback, converters in id_routes():
        from tests.test_idor import _model_of

        model = _model_of(_callback)
        int_args = [k for k, conv in converters.items() if type(conv).__name__ == "IntConverter"]
        if name.startswith(("api:", "admin:")) or model not in fixed or len(converters) != 1:
            continue
        if any(s in name for s in SKIP):
            continue
        try:
            pages[name] = reverse(name, kwargs={int_args[0]: fixed[model].pk})
        except Exception:  # noqa: S112 (a route that needs more than the id)
            continue
    return pages


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return None, []
    return len(queries), [q["sql"] for q in queries.captured_queries]


def _shapes(statements):
    return Counter(
        re.sub(r"^SELECT .*? FROM", "SELECT … FROM", re.sub(r"'[^']*'|\b\d+\b", "?", sql))[:300]
        for sql in statements
    )


def _grown(before, after):
    """The statement shapes run more often with more rows: usually the query made per row."""
    grown = _shapes(after) - _shapes(before)
    return "; ".join(f"+{times}× {shape}" for shape, times in grown.most_common(3))


@pytest.mark.django_db
def test_query_counts_do_not_grow_and_stay_pinned(cast, client):
    client.raise_request_exception = False  # a page that fails is other tests' business: not counted
    client.force_login(cast.a_editor, backend="ikonnekt.accounts.backends.UsernameOrEmailBackend")
    fixed = {}
    for _ in range(ROWS):
        _make_rows(cast, fixed)
    pages = _pages(fixed)
    for url in pages.values():  # warm up: first-use queries (content types, sessions) once
        client.get(url)
    small = {name: _count(client, url) for name, url in pages.items()}
    for _ in range(ROWS):
        _make_rows(cast, fixed)
    # warm up again: data stored per object (the dashboard's energy alerts) is computed once after
    # a change; its own tests pin that computation (tests/energy/test_alerts.py)
    for url in pages.values():
        client.get(url)
    large = {name: _count(client, url) for name, url in pages.items()}

    counts = {name: n for name, (n, _sql) in large.items() if n is not None}
    if os.environ.get("UPDATE_QUERY_COUNTS"):
        PINS.write_text(json.dumps(dict(sorted(counts.items())), indent=1) + "\n")
    pins = json.loads(PINS.read_text())
    problems = []
    for name, n in sorted(counts.items()):
        before = small[name][0]
        if before is not None and n > before:
            problems.append(
                f"{name}: {before} queries with {ROWS} rows, {n} with {2 * ROWS}: {_grown(small[name][1], large[name][1])}"
            )
        if name not in pins:
            problems.append(f"{name}: not pinned in {PINS.name} ({n} queries): set UPDATE_QUERY_COUNTS=1")
        elif n > pins[name]:
            problems.append(f"{name}: {n} queries, pinned at {pins[name]}")
        if n > LIMIT and name not in OVER_LIMIT:
            problems.append(f"{name}: {n} queries, more than {LIMIT}")
    assert not problems, "\n".join(problems)
    assert len(counts) > 50  # the walk found the platform's pages
