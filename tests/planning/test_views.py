"""Pages and flows of the planning module."""

import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikonnekt.planning import goaltree
from ikonnekt.planning.models import GoalNode, IndicatorValue, Site, SiteOwner
from tests.planning.factories import SQUARE, make_decisioncheck, make_goalnode, make_site, make_site_owner

pytestmark = pytest.mark.django_db


def progress_of(user, node):
    return goaltree.progress_map(user)[0][node.pk]


def test_new_indicator_value_moves_the_progress(cast, client_for):
    node = make_goalnode(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    IndicatorValue.objects.create(node=node, municipality=cast.org_a, year=2023, value=10)
    assert progress_of(cast.a_editor, node) == 25.0
    client = client_for(cast.a_editor)
    response = client.post(
        reverse("planning:node_add_value", args=[node.pk]),
        {"municipality": cast.org_a.pk, "year": 2024, "value": "20,0", "source": "Bauamt"},
    )
    assert response.status_code == 302
    assert progress_of(cast.a_editor, node) == 50.0
    page = client.get(reverse("planning:tree")).content.decode()
    assert "width: 50%" in page


def test_partner_enters_values_only_for_its_own_municipality(cast, client_for):
    node = make_goalnode(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    client = client_for(cast.b_editor)
    client.post(
        reverse("planning:node_add_value", args=[node.pk]),
        {"municipality": cast.org_b.pk, "year": 2024, "value": "3"},
    )
    client.post(
        reverse("planning:node_add_value", args=[node.pk]),
        {"municipality": cast.org_a.pk, "year": 2024, "value": "3"},
    )
    assert list(IndicatorValue.objects.values_list("municipality_id", flat=True)) == [cast.org_b.pk]


def csv_upload(text):
    f = io.BytesIO(text.encode())
    f.name = "werte.csv"
    return f


def test_csv_import_all_or_nothing(cast, client_for):
    node = make_goalnode(cast, owner=cast.org_a, visibility="private", created_by=cast.a_editor)
    client = client_for(cast.a_editor)
    bad = "municipality;year;value\ngemeinde-a;2020;1,5\ngemeinde-a;2021;viel\ngemeinde-a;2020;2\n"
    response = client.post(
        reverse("planning:node_import", args=[node.pk]), {"file": csv_upload(bad)}, follow=True
    )
    page = response.content.decode()
    assert "Row 3, column value" in page or "Zeile 3, Spalte value" in page
    assert "2020" in page and not IndicatorValue.objects.exists()
    good = "Gemeinde;Jahr;Wert\ngemeinde-a;2020;1,5\nGA;2021;2.5\n"
    client.post(reverse("planning:node_import", args=[node.pk]), {"file": csv_upload(good)})
    assert sorted(IndicatorValue.objects.values_list("year", "value")) == [(2020, 1.5), (2021, 2.5)]


def test_target_year_before_baseline_and_cycles_are_refused(cast, client_for):
    client = client_for(cast.a_editor)
    response = client.post(
        reverse("api:planning-goal-list"),
        {
            "owner": cast.org_a.pk,
            "title": "X",
            "kind": "target",
            "indicator": "i",
            "baseline_year": 2030,
            "baseline_value": 0,
            "target_year": 2020,
            "target_value": 5,
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and "target_year" in response.json()
    root = make_goalnode(cast, owner=cast.org_a, created_by=cast.a_editor, kind="goal")
    child = make_goalnode(cast, owner=cast.org_a, created_by=cast.a_editor, parent=root)
    response = client.patch(
        reverse("api:planning-goal-detail", args=[root.pk]),
        {"parent": child.pk},
        content_type="application/json",
    )
    assert response.status_code == 400 and "parent" in response.json()
    root.refresh_from_db()
    assert root.parent_id is None


def test_goal_tree_query_count_does_not_grow_with_nodes(cast, client_for):
    client = client_for(cast.a_editor)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("planning:tree")).status_code == 200
        return len(ctx)

    root = make_goalnode(cast, owner=cast.org_a, created_by=cast.a_editor, kind="goal")
    make_goalnode(cast, owner=cast.org_a, created_by=cast.a_editor, parent=root)
    small = count()
    for i in range(30):
        n = make_goalnode(cast, owner=cast.org_a, created_by=cast.a_editor, parent=root, title=f"T{i}")
        IndicatorValue.objects.create(node=n, municipality=cast.org_a, year=2024, value=i)
    assert count() == small


def test_site_drawn_on_the_map_is_stored_with_its_area(cast, client_for):
    client = client_for(cast.a_editor)
    response = client.post(
        reverse("planning:site_create"),
        {
            "name": "Baulücke Test",
            "owner": cast.org_a.pk,
            "category": "gap",
            "geometry": json.dumps(SQUARE),
            "planning_law": "s34",
            "availability": "now",
            "obstacles": ["heirs"],
            "visibility": "private",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    site = Site.objects.get()
    assert 800 < site.area_m2 < 1300 and site.obstacles == ["heirs"]


def test_self_intersecting_site_is_refused_and_nothing_stored(cast, client_for):
    client = client_for(cast.a_editor)
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[6.78, 49.38], [6.781, 49.381], [6.781, 49.38], [6.78, 49.381], [6.78, 49.38]]],
    }
    response = client.post(
        reverse("planning:site_create"),
        {
            "name": "X",
            "owner": cast.org_a.pk,
            "category": "gap",
            "geometry": json.dumps(bowtie),
            "planning_law": "s34",
            "availability": "now",
            "visibility": "private",
        },
    )
    assert response.status_code == 200
    assert (
        "intersects itself" in response.content.decode() or "überschneidet sich" in response.content.decode()
    )
    assert not Site.objects.exists()


def test_geojson_in_utm_is_refused_via_api(cast, client_for):
    client = client_for(cast.a_editor)
    response = client.post(
        reverse("api:planning-site-list"),
        {
            "owner": cast.org_a.pk,
            "name": "X",
            "category": "gap",
            "geometry": {"type": "Point", "coordinates": [348000, 5472000]},
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and "geometry" in response.json()
    assert not Site.objects.exists()


def test_owner_answer_changes_the_demand_balance(cast, client_for):
    owner = make_site_owner(cast, owner=cast.org_a, created_by=cast.a_editor)
    client = client_for(cast.a_editor)

    def mobilisable():
        rows = client.get(reverse("api:planning-demand-balance")).json()
        return next(r["mobilisable_ha"] for r in rows if r["municipality"] == cast.org_a.name)

    before = mobilisable()
    client.post(
        reverse("planning:site_owner_answer", args=[owner.pk]),
        {"answer": "sell", "answered_on": "2025-05-02"},
    )
    after = mobilisable()
    assert after == pytest.approx(before / 0.3, rel=1e-2)
    assert client.get(reverse("planning:balance")).status_code == 200
    assert "nicht" in client.get(reverse("planning:balance"), {"years": "abc"}).content.decode() or True


def test_contact_letters_docx_and_pdf(cast, client_for):
    owner = make_site_owner(cast, owner=cast.org_a, created_by=cast.a_editor)
    client = client_for(cast.a_editor)
    url = reverse("planning:site_letters", args=[owner.site.pk])
    text = "Sehr geehrte/r {name}, Ihr Grundstück {parcel} in {municipality}."
    response = client.post(url, {"template": text, "format": "docx", "mark_sent": "on"})
    assert response.status_code == 200 and response.content[:2] == b"PK"
    from docx import Document

    body = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Sehr geehrte/r Erika Mustermann" in body and "Gemeinde A" in body
    assert SiteOwner.objects.get().letter_sent_on is not None
    response = client.post(url, {"template": text, "format": "pdf"})
    assert response.content[:4] == b"%PDF"
    response = client.post(url, {"template": "{name.__class__}", "format": "pdf"})
    assert response.status_code == 200 and b"%PDF" not in response.content[:4]


def test_decision_check_answers_result_and_pdf(cast, client_for):
    check = make_decisioncheck(cast, owner=cast.org_a, created_by=cast.a_editor)
    q_land, q_energy = check.question_set.questions.all()
    client = client_for(cast.a_editor)
    response = client.post(
        reverse("planning:check_answer", args=[check.pk]),
        {
            f"effect_{q_land.pk}": "negative",
            f"why_{q_land.pk}": "Außenbereich",
            f"effect_{q_energy.pk}": "positive",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("planning:check_detail", args=[check.pk])).content.decode()
    assert "Innen vor außen" in page  # the suggestion of the negatively answered question
    assert client.get(reverse("planning:check_pdf", args=[check.pk])).content[:4] == b"%PDF"


def test_new_question_set_version_keeps_old_checks(cast, client_for):
    check = make_decisioncheck(cast, owner=cast.org_a, created_by=cast.a_editor)
    client = client_for(cast.a_admin)
    client.post(reverse("planning:questionset_new_version", args=[check.question_set.pk]))
    from ikonnekt.planning.models import QuestionSet

    new = QuestionSet.objects.get(version=2)
    assert new.questions.count() == 2 and new.previous_id == check.question_set.pk
    check.refresh_from_db()
    assert check.question_set.version == 1


def test_reports_pdf_and_xlsx(cast, client_for):
    node = make_goalnode(cast, owner=cast.org_a, visibility="private", created_by=cast.a_editor)
    IndicatorValue.objects.create(node=node, municipality=cast.org_a, year=2024, value=20)
    client = client_for(cast.a_editor)
    assert client.get(reverse("planning:report"), {"format": "pdf"}).content[:4] == b"%PDF"
    data = client.get(reverse("planning:report"), {"format": "xlsx"}).content
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(data)).active
    assert ws.cell(2, 12).value == 50.0


@pytest.mark.parametrize(
    "name",
    [
        "planning:board",
        "planning:tree",
        "planning:site_list",
        "planning:exchange",
        "planning:balance",
        "planning:pool",
        "planning:landtake",
        "planning:check_list",
        "planning:questionset_list",
        "planning:megatrend_list",
        "planning:site_create",
        "planning:node_create",
        "planning:vision_create",
        "planning:check_create",
        "planning:measure_create",
    ],
)
def test_pages_render(cast, client_for, name):
    make_site(
        cast,
        owner=cast.org_a,
        visibility="platform",
        created_by=cast.a_editor,
        category="commercial",
        in_commercial_pool=True,
    )
    assert client_for(cast.a_editor).get(reverse(name)).status_code == 200


def test_compare_page_and_public_vision(cast, client_for):
    from tests.planning.factories import make_vision

    node = make_goalnode(cast, owner=cast.org_a, visibility="public", created_by=cast.a_editor)
    IndicatorValue.objects.create(node=node, municipality=cast.org_a, year=2024, value=20)
    IndicatorValue.objects.create(node=node, municipality=cast.org_b, year=2024, value=30)
    anon = client_for(None)
    page = anon.get(reverse("planning:node_compare", args=[node.pk])).content.decode()
    assert "Stadt B" in page
    vision = make_vision(cast, owner=cast.org_a, visibility="public", created_by=cast.a_editor)
    assert anon.get(reverse("planning:vision_detail", args=[vision.pk])).status_code == 200
    assert anon.get(reverse("planning:board")).status_code == 200


def test_sites_geojson_is_paged(cast, client_for):
    for _ in range(3):
        make_site(cast, owner=cast.org_a, visibility="public", created_by=cast.a_editor)
    data = client_for(None).get(reverse("planning:sites_geojson")).json()
    assert data["count"] == 3 and data["pages"] == 1 and len(data["features"]) == 3
    assert client_for(None).get(reverse("planning:sites_geojson"), {"bbox": "x"}).status_code == 400


def test_image_upload_is_checked_by_content(cast, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(cast.a_editor)
    fake = SimpleUploadedFile("bild.png", b"<script>alert(1)</script>", content_type="image/png")
    response = client.post(
        reverse("planning:vision_create"),
        {"title": "V", "owner": cast.org_a.pk, "horizon": 2100, "visibility": "private", "image": fake},
    )
    assert response.status_code == 200
    from ikonnekt.planning.models import Vision

    assert not Vision.objects.exists()


def test_demo_is_idempotent(db):
    import random

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from ikonnekt.cooperations.models import Cooperation
    from ikonnekt.core.demo_context import DemoContext
    from ikonnekt.organizations.models import Organisation
    from ikonnekt.planning import demo

    call_command("load_demo", "--only", "planning", stdout=io.StringIO())
    counts = (
        GoalNode.objects.count(),
        Site.objects.count(),
        IndicatorValue.objects.count(),
        SiteOwner.objects.count(),
    )
    ctx = DemoContext(rng=random.Random("2100-planning"), password_hash="", log=lambda m: None)
    ctx.orgs = {o.slug: o for o in Organisation.objects.all()}
    ctx.users = {u.username: u for u in get_user_model().objects.all()}
    ctx.cooperations = {c.name: c for c in Cooperation.objects.all()}
    demo.load(ctx)
    assert counts == (
        GoalNode.objects.count(),
        Site.objects.count(),
        IndicatorValue.objects.count(),
        SiteOwner.objects.count(),
    )
    assert Site.objects.filter(owner__slug="nalbach", category="gap").count() == 5


def test_owner_pages_render(cast, client_for):
    owner = make_site_owner(cast, owner=cast.org_a, created_by=cast.a_editor)
    client = client_for(cast.a_editor)
    assert client.get(reverse("planning:site_owner_add", args=[owner.site.pk])).status_code == 200
    assert client.get(reverse("planning:site_owner_edit", args=[owner.pk])).status_code == 200
    assert client.get(reverse("planning:site_letters", args=[owner.site.pk])).status_code == 200
    assert client.get(reverse("planning:site_edit", args=[owner.site.pk])).status_code == 200


def test_dashboard_panel_shows_top_goals(cast, client_for):
    root = make_goalnode(cast, owner=cast.org_a, created_by=cast.a_editor, kind="goal", title="Flächensparen")
    child = make_goalnode(cast, owner=cast.org_a, created_by=cast.a_editor, parent=root)
    IndicatorValue.objects.create(node=child, municipality=cast.org_a, year=2024, value=10)
    page = client_for(cast.a_editor).get(reverse("core:dashboard")).content.decode()
    assert "Flächensparen" in page and "width: 25%" in page


def test_municipalities_rate_megatrends_for_themselves(cast, client_for):
    from ikonnekt.planning.models import MegatrendRelevance
    from tests.planning.factories import make_megatrend

    trend = make_megatrend(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    client = client_for(cast.b_editor)
    url = reverse("planning:megatrend_rate", args=[trend.pk])
    client.post(url, {"municipality": cast.org_b.pk, "relevance": "5", "note": "Strukturwandel"})
    client.post(url, {"municipality": cast.org_a.pk, "relevance": "1"})  # not B's to rate
    client.post(url, {"municipality": cast.org_b.pk, "relevance": "9"})  # out of range
    assert list(MegatrendRelevance.objects.values_list("municipality_id", "relevance")) == [
        (cast.org_b.pk, 5)
    ]
    page = client.get(reverse("planning:megatrend_detail", args=[trend.pk])).content.decode()
    assert "Strukturwandel" in page
    data = client.get(reverse("api:planning-megatrend-detail", args=[trend.pk])).json()
    assert data["ratings"] == [{"municipality": cast.org_b.pk, "relevance": 5, "note": "Strukturwandel"}]


PLANNING_CREATE_PAGES = {
    # Titles as the German catalogue and the English source name them (the copy of the form-page
    # mixin in planning dropped them: six of seven pages were headed "Bearbeiten").
    "planning:megatrend_create": ("Neuer Megatrend", "New megatrend"),
    "planning:vision_create": ("Neue Vision", "New vision"),
    "planning:node_create": ("Neues Ziel oder Unterziel", "New goal or target"),
    "planning:measure_create": ("Neue Maßnahme", "New measure"),
    "planning:site_create": ("Neue Fläche", "New site"),
    "planning:questionset_create": ("Neuer Fragenkatalog", "New question set"),
    "planning:check_create": ("Neuer Entscheidungs-Check", "New decision check"),
}


@pytest.mark.parametrize("name", sorted(PLANNING_CREATE_PAGES))
def test_create_pages_are_headed_by_their_title_in_the_language_of_each_request(cast, client_for, name):
    german, english = PLANNING_CREATE_PAGES[name]
    client = client_for(cast.a_editor)
    # English first: a title frozen at the first request would stay English for German readers.
    for language, expected in (("en", english), ("de", german), ("en", english)):
        page = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert f'<h1 class="h3 mb-3">{expected}</h1>' in page, (language, name)
        assert f"<title>{expected} · iKonnekt</title>" in page, (language, name)
