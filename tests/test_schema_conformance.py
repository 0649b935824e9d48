"""Issue #20, defect 10: the API follows its generated OpenAPI schema.

Schemathesis drives every operation of the generated schema as organisation A's administrator with a
read-write token, against a database holding one object of every shared model (so detail routes,
their actions and filled lists answer 200 and are checked, not only 404s). Per operation:

* one minimal request with real path ids and no optional parameters (reads and deletes: the answer
  that clients see most, e.g. a comment list, must have the declared shape);
* positive examples generated from the schema (valid data), path ids real;
* negative examples (data breaking the schema), which must be refused with a 4xx.

Every answer is checked for 5xx, for the declared media type and against the response schema; the
negative ones also for being refused. Hypothesis runs derandomized with a fixed number of examples,
so the run is deterministic and bounded (about three requests per operation)."""

import json
import time

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
)

from tests.factories import FACTORIES, make  # noqa: E402

pytestmark = pytest.mark.django_db
POSITIVE_EXAMPLES = 1
NEGATIVE_EXAMPLES = 1
RESPONSE_CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]


@pytest.fixture
def wsgi_app():
    """Django's WSGI app inside the test transaction: like Django's test client, keep the
    connection open when a request starts and finishes (on PostgreSQL a request that met a database
    error would otherwise close the test's connection at the next request's start)."""
    from django.core import signals
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    hold_connection()
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def hold_connection():
    """Disconnect ``close_old_connections``; Django's test client connects it again after each of
    its own requests, so call this again after using the client."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)


def seed_every_shared_model(cast):
    """One private object of organisation A per shared model with a test factory (a factory that
    needs an object another one already made is skipped; the lists still get one)."""
    from django.db import IntegrityError, transaction

    made = 0
    for model in FACTORIES:
        try:
            with transaction.atomic():
                make(
                    model,
                    cast,
                    owner=cast.org_a,
                    visibility="private",
                    created_by=cast.a_admin,
                    shared_with=[],
                )
            made += 1
        except IntegrityError:
            pass
    return made


def real_path_parameters(client, paths):
    """``{path: {"id": …}}``: the first row of the collection each templated path belongs to."""
    found = {}
    for path in paths:
        if "{" not in path:
            continue
        response = client.get(path.split("{")[0])
        if response.status_code != 200 or "json" not in response.get("Content-Type", ""):
            continue
        data = response.json()
        rows = data.get("results") if isinstance(data, dict) else data
        if not rows or not isinstance(rows, list) or not isinstance(rows[0], dict):
            continue
        names = [part.split("}")[0] for part in path.split("{")[1:]]
        if all(name in rows[0] for name in names):
            found[path] = {name: rows[0][name] for name in names}
    return found


def first_failure(exc):
    text = "\n".join(
        f"{getattr(e, 'title', type(e).__name__)}: {getattr(e, 'message', str(e))}"
        for e in getattr(exc, "exceptions", [exc])
    )
    return " | ".join(line for line in text.splitlines() if line.strip())[:400]


def test_every_operation_answers_within_its_schema(cast, wsgi_app, client_for):
    from ikonnekt.accounts.models import ApiToken

    seeded = seed_every_shared_model(cast)
    _token, key = ApiToken.create_for(cast.a_admin, "schema", organisation=cast.org_a, scope="read_write")
    headers = {"Authorization": f"Bearer {key}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    # deletes last: the objects they remove are the ones the other operations read
    operations.sort(key=lambda op: op.method.lower() == "delete")
    ids = real_path_parameters(client_for(cast.a_admin), {op.path for op in operations})
    hold_connection()  # the test client above connected close_old_connections again
    failures, statuses, started = {}, [], time.monotonic()

    def fail(operation, kind, exc):
        failures.setdefault(f"{operation.method.upper()} {operation.path} [{kind}]", first_failure(exc))

    def call(case, checks):
        response = case.call(headers=headers)
        statuses.append(response.status_code)
        case.validate_response(response, checks=checks, headers=headers)

    def generated(operation, mode, examples, path_parameters):
        checks = RESPONSE_CHECKS + ([negative_data_rejection] if mode == GenerationMode.NEGATIVE else [])

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
        def check(case):
            call(case, checks)

        check()

    for operation in operations:
        real = ids.get(operation.path)
        try:
            if operation.method.lower() in ("get", "delete") and (real or "{" not in operation.path):
                call(operation.Case(path_parameters=real or {}, query={}), RESPONSE_CHECKS)
        except (AssertionError, BaseExceptionGroup) as exc:
            fail(operation, "minimal", exc)
        for mode, examples in (
            (GenerationMode.POSITIVE, POSITIVE_EXAMPLES),
            (GenerationMode.NEGATIVE, NEGATIVE_EXAMPLES),
        ):
            try:
                try:
                    generated(operation, mode, examples, real)
                except Unsatisfiable:
                    if real is None or mode == GenerationMode.POSITIVE:
                        raise
                    generated(operation, mode, examples, None)  # the negation lies in the path
            except (AssertionError, BaseExceptionGroup) as exc:
                fail(operation, mode.value, exc)
            except Unsatisfiable:
                pass  # no schema-breaking value exists for this operation (e.g. only a free-text path)
    seconds = time.monotonic() - started
    print(  # noqa: T201
        f"{len(operations)} operations ({len(ids)} with real ids, {seeded} objects seeded), "
        f"{len(statuses)} requests, {sum(s >= 500 for s in statuses)} 5xx in {seconds:.1f} s"
    )
    assert len(operations) > 100 and len(statuses) >= 2 * len(operations)
    assert len(ids) >= 50  # detail routes are exercised with objects that exist
    assert not failures, json.dumps(dict(sorted(failures.items())), ensure_ascii=False, indent=1)
