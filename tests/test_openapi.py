"""The OpenAPI schema is generated without errors and matches the committed snapshot
(docs/openapi.yaml; regenerate with `make schema` after an intended API change)."""

from pathlib import Path

import pytest
import yaml
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer

SNAPSHOT = Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml"


@pytest.fixture(scope="module")
def schema():
    GENERATOR_STATS.reset()
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return generated, dict(GENERATOR_STATS._error_cache), dict(GENERATOR_STATS._warn_cache)


def test_schema_generates_without_errors(schema):
    _generated, errors, _warnings = schema
    assert not errors, f"OpenAPI schema errors: {list(errors)[:5]}"


def test_no_two_components_share_a_name(schema):
    _generated, _errors, warnings = schema
    clashes = [w for w in warnings if "identical names" in w]
    assert not clashes, (
        "Name serializers uniquely (@extend_schema_serializer(component_name=...)): " + clashes[0][:300]
    )


def test_every_api_path_is_versioned(schema):
    generated, _errors, _warnings = schema
    assert all(path.startswith("/api/v1/") for path in generated["paths"])


BACKEND_BOUNDS = {2**15 - 1, -(2**15), 2**31 - 1, -(2**31), 2**63 - 1, -(2**63)}


def without_integer_bounds(node):
    """Integer ranges come from the database backend (SQLite's are 64-bit, PostgreSQL's
    smallint/integer narrower): drop them so the snapshot compares on either backend.
    Bounds set by validators (e.g. 0..100) stay."""
    if isinstance(node, dict):
        return {
            k: without_integer_bounds(v)
            for k, v in node.items()
            if not (k in ("minimum", "maximum") and v in BACKEND_BOUNDS)
            and not (k == "format" and v in ("int32", "int64"))
        }
    if isinstance(node, list):
        return [without_integer_bounds(v) for v in node]
    return node


def test_schema_matches_the_committed_snapshot(schema):
    generated, _errors, _warnings = schema
    rendered = without_integer_bounds(
        yaml.safe_load(OpenApiYamlRenderer().render(generated, renderer_context={}))
    )
    committed = without_integer_bounds(yaml.safe_load(SNAPSHOT.read_text()))
    assert set(rendered["paths"]) == set(committed["paths"]), (
        "API paths changed: run `make schema` and commit"
    )
    assert rendered == committed, "API schema changed: run `make schema` and review/commit docs/openapi.yaml"
