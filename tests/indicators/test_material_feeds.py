"""Recycling rate (RR) and secondary-material share (NS) of a material-flow system as feeds."""

import pytest
from django.core.exceptions import ValidationError

from ikonnekt.core.audit import Actor
from ikonnekt.indicators import actions
from ikonnekt.indicators.models import SeriesValue
from ikonnekt.materials import actions as materials_actions
from ikonnekt.materials.models import FlowValue

pytestmark = pytest.mark.django_db
RR, NS = "materials.recycling_rate", "materials.secondary_share"


def _value(flow, value, unit="t", uncertainty=10):
    return {
        "flow": flow,
        "year": 2025,
        "layer": "goods",
        "value": value,
        "unit": unit,
        "uncertainty": uncertainty,
        "uncertainty_is_percent": True,
        "transfer_coefficient": None,
        "source": "",
        "quality": "measured",
    }


def _data(roles=True):
    """Building materials of a quarter, balanced: processing gets 400 t of demolition waste and
    passes on 240 t of recycled material and 100 m³ × 1.6 t/m³ = 160 t for disposal."""

    def flow(name, source, target, waste="", used="", density=None):
        return {
            "name": name,
            "source": source,
            "target": target,
            "bulk_density": density,
            "heating_value": None,
            "carbon": None,
            "nitrogen": None,
            "phosphorus": None,
            "waste_role": waste if roles else "",
            "input_role": used if roles else "",
        }

    return {
        "name": "Baustoffe Quartier",
        "first_year": 2025,
        "last_year": 2025,
        "processes": [
            {"name": "Bestand", "parent": None, "has_stock": True, "initial_stock": 10000},
            {"name": "Aufbereitung", "parent": None, "has_stock": False, "initial_stock": None},
        ],
        "flows": [
            flow("Neue Baustoffe", None, "Bestand", used="primary"),
            flow("Abbruch", "Bestand", "Aufbereitung", waste="waste"),
            flow("RC-Baustoffe", "Aufbereitung", "Bestand", waste="recycled", used="secondary"),
            flow("Beseitigung", "Aufbereitung", None, density=1.6),
        ],
        "values": [
            _value("Neue Baustoffe", 1200),
            _value("Abbruch", 400),
            _value("RC-Baustoffe", 240),
            _value("Beseitigung", 100, unit="m3"),
        ],
        "stocks": [],
    }


@pytest.fixture
def system(cast, django_capture_on_commit_callbacks):
    """Imported as if committed (its on-commit checks ran)."""
    with django_capture_on_commit_callbacks(execute=True):
        return materials_actions.import_system(
            Actor(user=cast.a_editor), cast.org_a.pk, _data(), visibility="platform"
        )


def test_recycling_rate_of_a_system(cast, system):
    [series] = actions.publish(Actor(user=cast.a_editor), RR, system)
    value = series.latest()
    # RR = 240 t recycled ÷ 400 t waste generated × 100 = 60 %
    assert (value.year, value.value) == (2025, pytest.approx(60.0))
    assert value.inputs["waste_t"] == pytest.approx(400.0)
    assert value.inputs["recycled_t"] == pytest.approx(240.0)
    assert value.inputs["flows_t"]["recycled"] == {"RC-Baustoffe": pytest.approx(240.0)}
    assert "cei_wm010" in value.calculation


def test_secondary_material_share_of_a_system(cast, system):
    [series] = actions.publish(Actor(user=cast.a_editor), NS, system)
    # NS = 240 t secondary ÷ (1,200 t primary + 240 t secondary) × 100 = 16.67 %
    assert series.latest().value == pytest.approx(16.67)
    assert "cei_srm030" in series.latest().calculation


def test_a_system_without_roles_cannot_be_published(cast):
    system = materials_actions.import_system(
        Actor(user=cast.a_editor), cast.org_a.pk, _data(roles=False), visibility="platform"
    )
    with pytest.raises(ValidationError) as exc:
        actions.publish(Actor(user=cast.a_editor), RR, system)
    assert "markiert" in str(exc.value) or "marked" in str(exc.value)


def test_a_new_measurement_recomputes_the_rate_and_keeps_the_old_one(
    cast, system, django_capture_on_commit_callbacks
):
    [series] = actions.publish(Actor(user=cast.a_editor), RR, system)
    with django_capture_on_commit_callbacks(execute=True):
        # 300 t recycled, 100 t disposed of (62.5 m³ × 1.6 t/m³): RR = 300 ÷ 400 = 75 %
        FlowValue.objects.filter(flow__name="RC-Baustoffe").update(value=300)
        disposal = FlowValue.objects.get(flow__name="Beseitigung")
        disposal.value = 62.5
        disposal.save()  # the save queues the update job (run eagerly in tests)
    values = list(SeriesValue.objects.filter(series=series).order_by("computed_at", "pk"))
    assert [round(v.value, 2) for v in values] == [60.0, 75.0]
    assert [v.is_current for v in values] == [False, True]


def test_the_exchange_format_keeps_the_roles(cast, system):
    from ikonnekt.materials import mfa_io

    data = mfa_io.system_to_dict(system)
    roles = {f["name"]: (f["waste_role"], f["input_role"]) for f in data["flows"]}
    assert roles["RC-Baustoffe"] == ("recycled", "secondary")
    bad = _data()
    bad["flows"][0]["input_role"] = "tertiary"
    with pytest.raises(mfa_io.ImportError_) as exc:
        mfa_io.validate(bad)
    assert "input_role" in str(exc.value)


def _kreislauf_rating(cast):
    from ikonnekt.assessment.models import Rating
    from tests.assessment.factories import make_assessment

    assessment = make_assessment(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    measure = assessment.catalogue.nodes.filter(kind="measure").first()
    measure.indicator = (
        "Infrastruktur vorhanden, Recyclingrate (RR); Nutzungsanteil an Sekundärrohstoffen (NS)"
    )
    measure.target_1, measure.target_2, measure.target_3 = "RR 50", "RR 65, NS 10", "RR 80, NS 25"
    measure.save()
    rating, _ = Rating.objects.get_or_create(assessment=assessment, measure=measure, defaults={"level": 3})
    return rating


def test_the_kreislaufwirtschaft_rating_follows_the_recycling_rate(
    cast, system, client, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError as DjangoValidationError

    from ikonnekt.assessment import actions as assessment_actions
    from ikonnekt.assessment import feeds as assessment_feeds

    [series] = actions.publish(Actor(user=cast.a_editor), RR, system)
    rating = _kreislauf_rating(cast)
    assessment_feeds.follow(Actor(user=cast.a_editor), rating, series)
    rating.refresh_from_db()
    # RR 60 %: ≥ 50 (level 1), < 65 (level 2)
    assert rating.level == 1
    with django_capture_on_commit_callbacks(execute=True):
        # 300 t recycled of 400 t: RR 75 % → ≥ 65, < 80 → level 2
        FlowValue.objects.filter(flow__name="Beseitigung").update(value=62.5)
        recycled = FlowValue.objects.get(flow__name="RC-Baustoffe")
        recycled.value = 300
        recycled.save()
    rating.refresh_from_db()
    assert rating.level == 2
    assert "75" in rating.evidence
    # a typed level is refused while the rating follows the feed
    with pytest.raises(DjangoValidationError):
        assessment_actions.rate(Actor(user=cast.a_editor), rating.assessment, rating.measure, level=3)
    # the assessment page links the level to the series and its provenance
    client.force_login(cast.a_viewer)
    page = client.get(rating.assessment.get_absolute_url()).content.decode()
    assert f"/indicators/{series.pk}/#provenance" in page
    # a deleted source is shown as a broken link, the level stays
    system.delete()
    page = client.get(rating.assessment.get_absolute_url()).content.decode()
    assert "feed-problem" in page
    rating.refresh_from_db()
    assert rating.level == 2 and rating.feed_id == series.pk


def test_editors_mark_flow_roles_on_the_system_page_and_the_job_shows_on_the_jobs_page(
    cast, client_for, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    with django_capture_on_commit_callbacks(execute=True):
        system = materials_actions.import_system(
            Actor(user=cast.a_editor), cast.org_a.pk, _data(roles=False), visibility="platform"
        )
    flows = {f.name: f for f in system.flows.all()}
    # publishing needs roles: first mark them on the page
    url = reverse("materials:system_roles", args=[system.pk])
    assert client_for(cast.b_editor).get(url).status_code in (403, 404)
    client = client_for(cast.a_editor)
    post = {f"waste-{f.pk}": "" for f in flows.values()} | {f"input-{f.pk}": "" for f in flows.values()}
    post |= {
        f"waste-{flows['Abbruch'].pk}": "waste",
        f"waste-{flows['RC-Baustoffe'].pk}": "recycled",
        f"input-{flows['RC-Baustoffe'].pk}": "secondary",
        f"input-{flows['Neue Baustoffe'].pk}": "primary",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, post).status_code == 302
    [series] = actions.publish(Actor(user=cast.a_editor), RR, system)
    assert series.latest().value == pytest.approx(60.0)  # 240 t ÷ 400 t
    # un-marking the recycled flow queues the update job; it fails visibly on the jobs page
    post[f"waste-{flows['RC-Baustoffe'].pk}"] = ""
    post[f"waste-{flows['Abbruch'].pk}"] = ""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, post)
    from ikonnekt.core.models import Job

    job = Job.objects.filter(kind="indicators.refresh").latest("pk")
    assert job.status == "failed"
    assert "Nenner" in job.message or "denominator" in job.message  # the reason, not a stack trace
    page = client.get(reverse("core:jobs")).content.decode()
    assert reverse("core:job_detail", args=[job.pk]) in page
    assert "Recyclingrate (RR)" in page or "Recycling rate (RR)" in page
