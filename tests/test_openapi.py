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


def test_schema_matches_the_committed_snapshot(schema):
    generated, _errors, _warnings = schema
    rendered = yaml.safe_load(OpenApiYamlRenderer().render(generated, renderer_context={}))
    committed = yaml.safe_load(SNAPSHOT.read_text())
    assert set(rendered["paths"]) == set(committed["paths"]), (
        "API paths changed: run `make schema` and commit"
    )
    assert rendered == committed, "API schema changed: run `make schema` and review/commit docs/openapi.yaml"
