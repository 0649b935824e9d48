"""Issue #20, defect 10: the API follows its generated OpenAPI schema.

Schemathesis generates requests from the schema for every operation (a bounded number of examples
each, so the whole run stays well under a minute) and fails on any 5xx answer or any response that
breaks the schema declared for it. Requests are made as organisation A's administrator with a
read-write token for organisation A."""

import json
import time

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import response_schema_conformance  # noqa: E402

pytestmark = pytest.mark.django_db
EXAMPLES_PER_OPERATION = 2


@pytest.fixture
def wsgi_app():
    """Django's WSGI app inside the test transaction: like Django's test client, keep the
    connection open when a request starts and finishes (on PostgreSQL a request that met a database
    error would otherwise close the test's connection at the next request's start)."""
    from django.core import signals
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_every_operation_answers_within_its_schema(cast, wsgi_app):
    from ikonnekt.accounts.models import ApiToken

    _token, key = ApiToken.create_for(cast.a_admin, "schema", organisation=cast.org_a, scope="read_write")
    headers = {"Authorization": f"Bearer {key}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
    failures, calls, started, count = [], [], time.monotonic(), 0

    def run(operation):
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call(headers=headers)
            calls.append(response.status_code)
            case.validate_response(
                response, checks=[not_a_server_error, response_schema_conformance], headers=headers
            )

        check()

    for result in schema.get_all_operations():
        operation = result.ok()
        count += 1
        try:
            run(operation)
        except Exception as exc:  # noqa: BLE001 - every operation's first failure, reported together
            first = next((line for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
            failures.append(f"{operation.method.upper()} {operation.path}: {first[:300]}")
    seconds = time.monotonic() - started
    assert count > 100 and len(calls) >= count  # every operation was called at least once
    assert not failures, json.dumps(sorted(set(failures)), ensure_ascii=False, indent=1)
    print(f"{count} operations, {len(calls)} requests in {seconds:.1f} s")  # noqa: T201
