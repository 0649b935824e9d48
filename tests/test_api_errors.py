"""Issue #20, defects 7 and 8: bad input answers a JSON 400 (never a 500 or an HTML page).

The cases are the ones the probe found: request bodies that are not objects, a 40-digit id in a
filter, a float overflow in an assumption, absurd years, unknown API paths, and the material-flow
page of a system that has no periods yet."""

import pytest

from tests.factories import make

pytestmark = pytest.mark.django_db
HUGE = "1234567890123456789012345678901234567890"


@pytest.fixture
def objects(cast):
    from ikonnekt.energy.models import Building, Meter
    from ikonnekt.knowledge.models import Article, Question

    kwargs = {"owner": cast.org_a, "visibility": "platform", "created_by": cast.a_editor, "shared_with": []}
    building = make(Building, cast, **kwargs)
    return {
        "question": make(Question, cast, **kwargs),
        "article": make(Article, cast, **kwargs),
        "building": building,
        "meter": Meter.objects.create(
            building=building, number="Z9", name="Strom", carrier="electricity", unit="kWh"
        ),
    }


@pytest.mark.parametrize("body", ["[]", "[1, 2]", "1", '"text"'])
@pytest.mark.parametrize(
    "path",
    [
        "knowledge/questions/{question}/answer/",
        "knowledge/questions/{question}/accept/",
        "knowledge/articles/{article}/comments/",
    ],
)
def test_a_body_that_is_not_an_object_is_a_json_400(cast, client_for, objects, path, body):
    url = "/api/v1/" + path.format(**{k: v.pk for k, v in objects.items()})
    response = client_for(cast.a_editor).post(url, body, content_type="application/json")
    assert response.status_code == 400
    assert "JSON-Objekt" in response.json()["detail"]


@pytest.mark.parametrize(
    "path",
    [
        f"documents/?tags={HUGE}",
        f"energy/buildings/?owner={HUGE}",
        "planning/demand-balance/?population_change_pct=1e308",
        "planning/demand-balance/?population_change_pct=nan",
        "planning/demand-balance/?population_change_pct=-150",
        "energy/buildings/{building}/figures/?year=99999999",
        "energy/buildings/{building}/figures/?year=-5",
        "energy/meters/{meter}/monthly/?year=10000",
    ],
)
def test_absurd_numbers_are_a_json_400(cast, client_for, objects, path):
    url = "/api/v1/" + path.format(**{k: v.pk for k, v in objects.items()})
    response = client_for(cast.a_editor).get(url)
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"].startswith("application/json")


def test_unknown_api_paths_answer_json(cast, client_for):
    response = client_for(cast.a_editor).get("/api/v1/gibt-es-nicht/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json") and response.json()["detail"]


def test_material_flow_system_without_periods_opens(cast, client_for):
    from ikonnekt.materials.models import MfaSystem

    empty = MfaSystem.objects.create(
        name="Neu", owner=cast.org_a, created_by=cast.a_editor, first_year=2026, last_year=2025
    )
    bare = MfaSystem.objects.create(name="Ohne Prozesse", owner=cast.org_a, created_by=cast.a_editor)
    client = client_for(cast.a_editor)
    for system in (empty, bare):
        assert client.get(system.get_absolute_url()).status_code == 200
