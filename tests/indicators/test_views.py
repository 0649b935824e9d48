"""Pages: list, detail with provenance and history, publish, chain, comparison, open data."""

import pytest
from django.urls import reverse

from ikonnekt.core.audit import Actor
from ikonnekt.indicators import actions
from ikonnekt.planning import feeds as planning_feeds
from tests.indicators.conftest import optimise
from tests.indicators.factories import make_series
from tests.planning.factories import make_goalnode

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain_series(cast, scenario, django_capture_on_commit_callbacks):
    actor = Actor(user=cast.a_editor)
    with django_capture_on_commit_callbacks(execute=True):
        optimise(scenario, actor)
    published = {}
    for key in (
        "materials.greenwaste_recycled_t",
        "materials.greenwaste_regional_share",
        "materials.greenwaste_heat_mwh",
        "materials.greenwaste_co2e_avoided_t",
    ):
        [published[key]] = actions.publish(actor, key, scenario, region=cast.org_a)
    return published


def test_publish_page_publishes_for_an_editable_source(
    cast, client_for, scenario, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        optimise(scenario, Actor(user=cast.a_editor))
    client = client_for(cast.a_editor)
    url = reverse("indicators:publish", args=["materials.greenwaste_heat_mwh"])
    page = client.get(url)
    assert page.status_code == 200
    assert scenario.name in page.content.decode()
    response = client.post(
        url,
        {"source": scenario.pk, "visibility": "public", "licence": "dl-by-de/2.0", "region": cast.org_a.pk},
    )
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "Heizwerk" in detail  # provenance: the plant's MWh
    # a partner without rights sees no source to publish
    assert scenario.name not in client_for(cast.b_editor).get(url).content.decode()


def test_detail_shows_history_and_broken_link(cast, client_for, chain_series, scenario):
    series = chain_series["materials.greenwaste_heat_mwh"]
    scenario.delete()
    html = client_for(cast.a_viewer).get(series.get_absolute_url()).content.decode()
    assert 'id="broken-link"' in html
    assert "Grüngut Testregion" in html


def test_chain_page_links_every_step(cast, client_for, chain_series, scenario):
    node = make_goalnode(
        cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor, unit="MWh/a",
        baseline_value=0, target_value=120, title="Wärme aus Grüngut",
    )  # fmt: skip
    planning_feeds.follow(Actor(user=cast.a_editor), node, chain_series["materials.greenwaste_heat_mwh"])
    html = client_for(cast.z_admin).get(reverse("indicators:chain") + f"?region={cast.org_a.slug}&year=2025")
    html = html.content.decode()
    for key, series in chain_series.items():
        assert series.get_absolute_url() in html, key
    assert scenario.get_absolute_url() in html
    assert node.get_absolute_url() in html
    assert "50 %" in html  # 60 MWh of 120 MWh


def test_comparison_anonymises_where_chosen(cast, client_for):
    own = make_series(cast, owner=cast.org_a, visibility="private", created_by=cast.a_editor)
    other = make_series(cast, owner=cast.org_b, visibility="private", created_by=cast.b_editor)
    hidden = make_series(cast, owner=cast.org_z, visibility="private", created_by=cast.z_admin)
    for series, anonymous in ((own, False), (other, True)):
        series.in_comparison = True
        series.anonymous_in_comparison = anonymous
        series.save()
    url = reverse("indicators:compare") + "?feed=market.exchange_tonnes&year=2025"
    html = client_for(cast.a_viewer).get(url).content.decode()
    assert cast.org_a.name in html
    assert cast.org_b.name not in html
    assert "Kommune A" in html or "Municipality A" in html
    assert cast.org_z.name not in html and hidden.pk  # not opted in: not shown at all
    # B sees its own value by name
    assert cast.org_b.name in client_for(cast.b_viewer).get(url).content.decode()


@pytest.mark.parametrize("name", ["indicators:list", "indicators:opendata"])
def test_public_pages_open_for_anonymous_visitors(client, name):
    assert client.get(reverse(name)).status_code == 200


def test_list_shows_only_visible_series(cast, client_for):
    series = make_series(cast, owner=cast.org_a, visibility="private", created_by=cast.a_editor)
    html = client_for(cast.z_admin).get(reverse("indicators:list")).content.decode()
    assert series.get_absolute_url() not in html
    assert (
        series.get_absolute_url()
        in client_for(cast.a_viewer).get(reverse("indicators:list")).content.decode()
    )
