"""Publishing a feed, recomputation keeping history, broken links and the update job."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from ikonnekt.core.audit import Actor
from ikonnekt.core.models import Job
from ikonnekt.indicators import actions
from ikonnekt.indicators.models import IndicatorSeries, SeriesValue
from ikonnekt.indicators.registry import feeds
from tests.indicators.conftest import optimise

pytestmark = pytest.mark.django_db

HEAT = "materials.greenwaste_heat_mwh"
CO2E = "materials.greenwaste_co2e_avoided_t"
SHARE = "materials.greenwaste_regional_share"


def test_every_app_registers_its_feeds_in_its_own_module():
    keys = {f.key for f in feeds.all()}
    assert {
        "materials.greenwaste_recycled_t",
        HEAT,
        CO2E,
        "energy.final_energy_mwh",
        "energy.co2e_t",
        "market.exchange_matched",
        "market.exchange_tonnes",
        "market.regional_sales_eur",
    } <= keys
    assert all(f.calculation and f.version for f in feeds.all())


def test_publishing_green_waste_heat_records_value_and_provenance(cast, scenario):
    optimise(scenario, Actor(user=cast.a_editor))
    [series] = actions.publish(Actor(user=cast.a_editor), HEAT, scenario, region=cast.org_a)
    assert series.owner == cast.org_a
    assert series.visibility == "platform"  # the source's visibility unless chosen otherwise
    [value] = series.values.all()
    # 100 t × 0.3 woody share × 2.0 MWh/t = 60 MWh
    assert value.year == 2025
    assert value.value == pytest.approx(60.0)
    assert value.is_current
    assert value.calculation_version == "1"
    assert value.published_by == cast.a_editor
    assert value.inputs["scenario_id"] == scenario.pk
    assert value.inputs["plants_mwh"] == {"Heizwerk": pytest.approx(60.0)}


def test_co2e_avoided_names_its_factor(cast, scenario):
    optimise(scenario, Actor(user=cast.a_editor))
    [series] = actions.publish(Actor(user=cast.a_editor), CO2E, scenario)
    value = series.latest()
    # 60 MWh × 240 kg CO2e/MWh = 14,400 kg = 14.4 t
    assert value.value == pytest.approx(14.4)
    assert "240 kg CO2e/MWh" in value.factor_set


def test_regional_share_counts_plants_in_the_region(cast, scenario):
    optimise(scenario, Actor(user=cast.a_editor))
    [series] = actions.publish(Actor(user=cast.a_editor), SHARE, scenario)
    # all 100 t go to the biomass plant, which recycles in the region: 100 ÷ 100 × 100 = 100 %
    assert series.latest().value == pytest.approx(100.0)


def test_unoptimised_scenario_cannot_be_published(cast, scenario):
    with pytest.raises(ValidationError) as exc:
        actions.publish(Actor(user=cast.a_editor), HEAT, scenario)
    assert "nicht optimiert" in str(exc.value)  # German first
    assert not IndicatorSeries.objects.exists()


def test_only_editors_of_the_source_publish(cast, scenario):
    optimise(scenario, Actor(user=cast.a_editor))
    for user in (cast.a_viewer, cast.b_editor, cast.z_admin):
        with pytest.raises(PermissionDenied):
            actions.publish(Actor(user=user), HEAT, scenario)


def test_recomputation_adds_a_value_and_keeps_the_old_one(cast, scenario, django_capture_on_commit_callbacks):
    actor = Actor(user=cast.a_editor)
    with django_capture_on_commit_callbacks(execute=True):
        optimise(scenario, actor)
    [series] = actions.publish(actor, HEAT, scenario)
    # the municipality weighs 150 t instead of 100 t: 150 × 0.3 × 2.0 = 90 MWh
    point = scenario.points.get()
    point.quantity_t = 150
    point.save()
    with django_capture_on_commit_callbacks(execute=True):
        optimise(scenario, actor)  # saving the optimisation queues the update job (eager in tests)
    values = list(SeriesValue.objects.filter(series=series).order_by("computed_at", "pk"))
    assert [round(v.value, 6) for v in values] == [60.0, 90.0]
    assert [v.is_current for v in values] == [False, True]
    job = Job.objects.filter(kind="indicators.refresh").latest("pk")
    assert job.status == "done"
    assert "1" in job.message


def test_unchanged_recomputation_adds_nothing(cast, scenario):
    actor = Actor(user=cast.a_editor)
    optimise(scenario, actor)
    [series] = actions.publish(actor, HEAT, scenario)
    result = actions.refresh_series(actor, series)
    assert result["added"] == 0
    assert series.values.count() == 1


def test_deleted_source_breaks_the_series_and_keeps_its_values(cast, scenario):
    actor = Actor(user=cast.a_editor)
    optimise(scenario, actor)
    [series] = actions.publish(actor, HEAT, scenario)
    scenario.delete()
    series.refresh_from_db()
    assert series.is_broken
    assert "Grüngut Testregion" in series.problem
    assert series.values.count() == 1
    result = actions.refresh_source(HEAT, series.source_type_id, series.source_id)
    assert result["broken"]


def test_refresh_job_reports_a_broken_link_on_the_jobs_page(
    cast, scenario, django_capture_on_commit_callbacks
):
    from ikonnekt.core.jobs import enqueue

    actor = Actor(user=cast.a_editor)
    optimise(scenario, actor)
    [series] = actions.publish(actor, HEAT, scenario)
    ctype = ContentType.objects.get_for_model(scenario)
    scenario.delete()
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue(
            "indicators.refresh", actor=actor, feed=HEAT, source_type_id=ctype.pk, source_id=series.source_id
        )
    job.refresh_from_db()
    assert job.status == "failed"
    assert "deleted" in job.message or "gelöscht" in job.message


def test_market_exchange_feed_counts_deals_per_year(cast):
    import datetime as dt
    from decimal import Decimal

    from ikonnekt.market.models import Deal, Listing, WasteCode

    code = WasteCode.objects.filter(level="entry").first() or WasteCode.objects.create(
        code="170101", title="Beton", level="entry"
    )
    listing = Listing.objects.create(
        owner=cast.org_a,
        kind="offer",
        title="Betonbruch",
        waste_code=code,
        quantity=Decimal("100"),
        municipality=cast.org_a,
        valid_until=dt.date(2026, 12, 31),
        status="approved",
    )
    for tonnes, day in ((Decimal("12.5"), dt.date(2025, 3, 1)), (Decimal("7.5"), dt.date(2025, 9, 1))):
        Deal.objects.create(listing=listing, quantity=tonnes, tonnes=tonnes, date=day)
    [series] = actions.publish(Actor(user=cast.a_editor), "market.exchange_tonnes", cast.org_a)
    # 12.5 t + 7.5 t = 20 t in 2025
    assert [(v.year, v.value) for v in series.current_values()] == [(2025, 20.0)]
    with pytest.raises(PermissionDenied):
        actions.publish(Actor(user=cast.b_editor), "market.exchange_tonnes", cast.org_a)


def test_regional_sales_follow_a_cancelled_order_through_the_update_job(
    cast, django_capture_on_commit_callbacks
):
    import datetime as dt
    from decimal import Decimal

    from ikonnekt.market.models import Order, OrderLine
    from tests.market.factories import make_order, make_variant

    variant = make_variant(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    placed = dt.datetime(2025, 5, 2, 10, tzinfo=dt.UTC)
    orders = []
    with django_capture_on_commit_callbacks(execute=True):
        for number, quantity in (("RM-1", "4"), ("RM-2", "2")):
            order = make_order(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
            Order.objects.filter(pk=order.pk).update(number=number, placed_at=placed)
            OrderLine.objects.create(
                order=order,
                variant=variant,
                producer=cast.org_a,
                quantity=Decimal(quantity),
                unit_price=Decimal("2.50"),
                vat_rate=Decimal("7.00"),
            )
            orders.append(order)
    [series] = actions.publish(Actor(user=cast.a_editor), "market.regional_sales_eur", cast.org_a)
    # 4 × 2.50 € + 2 × 2.50 € = 15 €
    assert series.latest().value == pytest.approx(15.0)
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = Order.objects.get(pk=orders[1].pk)
        cancelled.status = "cancelled"
        cancelled.save()  # queues the update job of the producer's series
    # only 4 × 2.50 € = 10 € remain; the 15 € stay in the history
    values = list(SeriesValue.objects.filter(series=series).order_by("computed_at", "pk"))
    assert [v.value for v in values] == [pytest.approx(15.0), pytest.approx(10.0)]
    job = Job.objects.filter(kind="indicators.refresh").latest("pk")
    assert job.status == "done"
