"""Consumers following a feed: Vision 2100 targets and catalogue ratings."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ikonnekt.assessment import feeds as assessment_feeds
from ikonnekt.assessment.models import Rating
from ikonnekt.core.audit import Actor
from ikonnekt.indicators import actions
from ikonnekt.planning import actions as planning_actions
from ikonnekt.planning import feeds as planning_feeds
from ikonnekt.planning.goaltree import progress_map
from ikonnekt.planning.models import IndicatorValue
from tests.assessment.factories import make_assessment
from tests.indicators.conftest import optimise
from tests.planning.factories import make_goalnode

pytestmark = pytest.mark.django_db
HEAT = "materials.greenwaste_heat_mwh"


@pytest.fixture
def heat_series(cast, scenario, django_capture_on_commit_callbacks):
    actor = Actor(user=cast.a_editor)
    with django_capture_on_commit_callbacks(execute=True):  # as if committed
        optimise(scenario, actor)
    [series] = actions.publish(actor, HEAT, scenario, region=cast.org_a)
    return series


def _heat_target(cast):
    return make_goalnode(
        cast,
        owner=cast.org_a,
        visibility="platform",
        created_by=cast.a_editor,
        title="Wärme aus Grüngut",
        indicator="Wärme aus Grüngut",
        unit="MWh/a",
        baseline_year=2020,
        baseline_value=0,
        target_year=2030,
        target_value=120,
    )


def test_a_target_follows_its_feed_and_its_progress_comes_from_it(cast, heat_series):
    node = _heat_target(cast)
    written = planning_feeds.follow(Actor(user=cast.a_editor), node, heat_series)
    assert written == 1
    value = IndicatorValue.objects.get(node=node, municipality=cast.org_a, year=2025)
    assert value.value == pytest.approx(60.0)
    assert value.source.startswith("Indikator-Feed")
    # progress = (60 − 0) ÷ (120 − 0) × 100 = 50 %
    progress, _nodes = progress_map(cast.a_viewer)
    assert progress[node.pk] == pytest.approx(50.0)


def test_a_followed_series_refuses_typed_values(cast, heat_series):
    node = _heat_target(cast)
    planning_feeds.follow(Actor(user=cast.a_editor), node, heat_series)
    with pytest.raises(ValidationError) as exc:
        planning_actions.set_indicator_value(Actor(user=cast.a_editor), node, cast.org_a, 2026, 99.0)
    assert "municipality" in exc.value.message_dict


def test_recomputing_the_feed_updates_the_target(
    cast, heat_series, scenario, django_capture_on_commit_callbacks
):
    node = _heat_target(cast)
    planning_feeds.follow(Actor(user=cast.a_editor), node, heat_series)
    point = scenario.points.get()
    point.quantity_t = 200
    point.save()
    with django_capture_on_commit_callbacks(execute=True):
        optimise(scenario, Actor(user=cast.a_editor))
    # 200 t × 0.3 × 2.0 MWh/t = 120 MWh → target reached
    assert IndicatorValue.objects.get(node=node, year=2025).value == pytest.approx(120.0)
    progress, _nodes = progress_map(cast.a_viewer)
    assert progress[node.pk] == pytest.approx(100.0)


def test_a_series_no_longer_visible_to_the_target_owner_is_shown_broken(cast, heat_series):
    node = make_goalnode(cast, owner=cast.org_b, visibility="platform", created_by=cast.b_editor)
    planning_feeds.follow(Actor(user=cast.b_editor), node, heat_series)
    heat_series.visibility = "private"
    heat_series.save()
    node.refresh_from_db()
    assert "nicht mehr sichtbar" in planning_feeds.link_problem(node)  # German first
    # the value taken over stays, and the feed link stays (never silently dropped)
    assert node.feed_id == heat_series.pk
    assert IndicatorValue.objects.filter(node=node).count() == 1


def test_only_editors_of_the_target_let_it_follow(cast, heat_series):
    node = _heat_target(cast)
    with pytest.raises(PermissionDenied):
        planning_feeds.follow(Actor(user=cast.a_viewer), node, heat_series)


def test_a_followed_series_cannot_be_withdrawn(cast, heat_series):
    node = _heat_target(cast)
    planning_feeds.follow(Actor(user=cast.a_editor), node, heat_series)
    with pytest.raises(ValidationError):
        actions.withdraw(Actor(user=cast.a_admin), heat_series)


@pytest.mark.parametrize(
    ("value", "level"),
    [(49.9, 0), (50, 1), (64.9, 1), (65, 2), (79.9, 2), (80, 3), (100, 3)],
)
def test_level_from_the_seed_thresholds_rr_50_65_80(value, level):
    assert assessment_feeds.level_from_thresholds(value, [50, 65, 80]) == level


def test_falling_thresholds_reward_lower_values():
    # e.g. kWh/m²a: level 1 at ≤ 120, level 2 at ≤ 90, level 3 at ≤ 60
    assert assessment_feeds.level_from_thresholds(95, [120, 90, 60]) == 1
    assert assessment_feeds.level_from_thresholds(60, [120, 90, 60]) == 3


def test_thresholds_read_the_seeds_indicator_abbreviations():
    class M:
        indicator = "Infrastruktur vorhanden, Recyclingrate (RR); Nutzungsanteil an Sekundärrohstoffen (NS)"
        target_1, target_2, target_3 = "RR 50", "RR 65, NS 10", "RR 80, NS 25"

    assert assessment_feeds.thresholds(M) == [50.0, 65.0, 80.0]

    class Building:
        indicator = "Effizienzhaus-Standard der Gebäude"
        target_1, target_2, target_3 = "EH 55", "EH 40", "Passivhaus"

    assert assessment_feeds.thresholds(Building) is None


def test_a_rating_sets_its_level_from_the_feed(cast, heat_series):
    assessment = make_assessment(cast, owner=cast.org_a, visibility="private", created_by=cast.a_editor)
    rating = Rating.objects.filter(assessment=assessment).select_related("measure").first()
    if rating is None:
        measure = assessment.catalogue.nodes.filter(kind="measure").first()
        rating = Rating.objects.create(assessment=assessment, measure=measure, level=0)
    measure = rating.measure
    measure.indicator = "Wärme aus Grüngut (MWh/a)"
    measure.target_1, measure.target_2, measure.target_3 = "20", "50", "100"
    measure.save()
    assessment_feeds.follow(Actor(user=cast.a_editor), rating, heat_series)
    rating.refresh_from_db()
    # 60 MWh ≥ 50 (level 2) and < 100 (level 3) → level 2
    assert rating.level == 2
    assert rating.feed == heat_series
    assert "60" in rating.evidence


def test_the_series_page_lists_its_followers_only_when_there_are_some(cast, heat_series, client):
    client.force_login(cast.a_editor)
    page = client.get(heat_series.get_absolute_url()).content.decode()
    assert "Wärme aus Grüngut</a>" not in page
    node = _heat_target(cast)
    planning_feeds.follow(Actor(user=cast.a_editor), node, heat_series)
    page = client.get(heat_series.get_absolute_url()).content.decode()
    assert f'<a href="{node.get_absolute_url()}">Wärme aus Grüngut</a>' in page


def test_the_assessment_page_links_a_followed_series_only_for_readers_who_may_see_it(
    cast, heat_series, client
):
    """The rating row names the series for readers the read rule lets see it, else says it is not
    visible to them; the level stays either way (the series is read in a query of its own)."""
    from ikonnekt.indicators.models import IndicatorSeries

    assessment = make_assessment(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    measure = assessment.catalogue.nodes.filter(kind="measure").first()
    rating, _ = Rating.objects.get_or_create(assessment=assessment, measure=measure, defaults={"level": 0})
    measure.indicator = "Wärme aus Grüngut (MWh/a)"
    measure.target_1, measure.target_2, measure.target_3 = "20", "50", "100"
    measure.save()
    assessment_feeds.follow(Actor(user=cast.a_editor), rating, heat_series)
    IndicatorSeries.objects.filter(pk=heat_series.pk).update(visibility="private")
    link = f"/indicators/{heat_series.pk}/#provenance"
    for user, visible in ((cast.a_editor, True), (cast.b_editor, False)):
        client.force_login(user)
        page = client.get(assessment.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert f'id="rating-feed-{measure.pk}"' in page
        assert (link in page) is visible
        assert ("(not visible to you)" in page) is not visible
    # a broken series' problem names its source: only its readers see it, others a general text
    IndicatorSeries.objects.filter(pk=heat_series.pk).update(
        status="broken", problem="The source “Geheimes Wärmenetz” was deleted."
    )
    for user, visible in ((cast.a_editor, True), (cast.b_editor, False)):
        client.force_login(user)
        page = client.get(assessment.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert ("Geheimes Wärmenetz" in page) is visible
        assert ("The feed&#x27;s source is no longer available." in page) is not visible
