"""Pages, autosave, variants, exports, comments and the district overview's query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikonnekt.assessment.models import Assessment, Catalogue, Rating
from tests.assessment.factories import make_area, make_assessment, make_catalogue

pytestmark = pytest.mark.django_db


def rate(client, assessment, measure, **data):
    return client.post(
        reverse("assessment:assessment_rate", args=[assessment.pk]),
        {"measure": measure.pk, **data},
        HTTP_HX_REQUEST="true",
    )


def test_autosave_updates_the_running_score(cast, client_for):
    assessment = make_assessment(cast, owner=cast.org_a, created_by=cast.a_editor)
    client = client_for(cast.a_editor)
    m2 = assessment.catalogue.nodes.get(code="M2")
    response = rate(client, assessment, m2, level="3")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="score-panel"' in html and "100 %" in html  # 3+3+3 of 9
    assert Rating.objects.get(assessment=assessment, measure=m2).level == 3


def test_not_applicable_needs_a_reason_and_saves_nothing(cast, client_for):
    assessment = make_assessment(cast, owner=cast.org_a, created_by=cast.a_editor)
    client = client_for(cast.a_editor)
    m1 = assessment.catalogue.nodes.get(code="M1")
    html = rate(client, assessment, m1, level="na").content.decode()
    assert "text-danger" in html
    assert Rating.objects.get(assessment=assessment, measure=m1).level == 3
    rate(client, assessment, m1, level="na", reason="Kein Dach")
    rating = Rating.objects.get(assessment=assessment, measure=m1)
    assert rating.not_applicable and rating.level is None


def test_rating_a_measure_of_another_catalogue_version_is_refused(cast, client_for):
    assessment = make_assessment(cast, owner=cast.org_a, created_by=cast.a_editor)
    other = make_catalogue(cast, owner=cast.org_a, visibility="platform").nodes.get(code="M1")
    html = rate(client_for(cast.a_editor), assessment, other, level="2").content.decode()
    assert "another catalogue version" in html or "anderen Katalogversion" in html
    assert not Rating.objects.filter(measure=other).exists()


def test_level_outside_range_is_refused(cast, client_for):
    assessment = make_assessment(cast, owner=cast.org_a, created_by=cast.a_editor)
    m1 = assessment.catalogue.nodes.get(code="M1")
    rate(client_for(cast.a_editor), assessment, m1, level="7")
    assert Rating.objects.get(assessment=assessment, measure=m1).level == 3


def test_viewer_cannot_rate(cast, client_for):
    assessment = make_assessment(cast, owner=cast.org_a, created_by=cast.a_editor)
    m1 = assessment.catalogue.nodes.get(code="M1")
    assert rate(client_for(cast.a_viewer), assessment, m1, level="0").status_code == 403


def test_pages_render(cast, client_for):
    assessment = make_assessment(cast, owner=cast.org_a, created_by=cast.a_editor, visibility="platform")
    client = client_for(cast.a_editor)
    urls = [
        reverse("assessment:area_list"),
        reverse("assessment:catalogue_list"),
        reverse("assessment:catalogue_detail", args=[assessment.catalogue_id]),
        reverse("assessment:area_detail", args=[assessment.area_id]),
        reverse("assessment:assessment_detail", args=[assessment.pk]),
        reverse("assessment:assessment_fill", args=[assessment.pk]),
        reverse("assessment:assessment_create") + f"?area={assessment.area_id}",
        reverse("assessment:area_create"),
        reverse("assessment:catalogue_create"),
        reverse("assessment:catalogue_import"),
        reverse("assessment:district") + f"?family={assessment.catalogue.family}",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    assert b"Testgebiet" in client.get(urls[-1]).content


def test_variant_compare_and_exports(cast, client_for):
    assessment = make_assessment(cast, owner=cast.org_a, created_by=cast.a_editor)
    client = client_for(cast.a_editor)
    response = client.post(
        reverse("assessment:assessment_variant", args=[assessment.pk]), {"scenario": "Variante B"}
    )
    variant = Assessment.objects.get(scenario="Variante B")
    assert response.status_code == 302 and variant.ratings.count() == 3
    m2 = variant.catalogue.nodes.get(code="M2")
    rate(client, variant, m2, level="3")
    page = client.get(reverse("assessment:compare") + f"?ids={assessment.pk}&ids={variant.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Variante B" in html and "+2" in html  # M2 went from 1 to 3
    pdf = client.get(reverse("assessment:assessment_pdf", args=[assessment.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("assessment:assessment_xlsx", args=[assessment.pk]))
    assert xlsx.content.startswith(b"PK")


def test_compare_ignores_invisible_assessments(cast, client_for):
    mine = make_assessment(cast, owner=cast.org_z, created_by=cast.z_admin)
    foreign = make_assessment(cast, owner=cast.org_a, created_by=cast.a_editor)
    response = client_for(cast.z_admin).get(
        reverse("assessment:compare") + f"?ids={mine.pk}&ids={foreign.pk}"
    )
    assert response.status_code == 302  # fewer than two visible


def test_published_catalogue_is_frozen(cast, client_for):
    catalogue = make_catalogue(cast, owner=cast.org_a, created_by=cast.a_editor, status="draft")
    client = client_for(cast.a_editor)
    node = catalogue.nodes.get(code="M1")
    assert client.get(reverse("assessment:node_edit", args=[node.pk])).status_code == 200
    client.post(reverse("assessment:catalogue_publish", args=[catalogue.pk]))
    catalogue.refresh_from_db()
    assert catalogue.status == "published"
    assert client.get(reverse("assessment:node_edit", args=[node.pk])).status_code == 403
    client.post(reverse("assessment:catalogue_derive", args=[catalogue.pk]))
    new = Catalogue.objects.get(family=catalogue.family, version=2)
    assert new.is_draft and new.nodes.count() == catalogue.nodes.count()


def test_cooperation_partners_comment_outsiders_not(cast, client_for):
    assessment = make_assessment(
        cast, owner=cast.org_a, created_by=cast.a_editor, visibility="cooperation", shared_with=[cast.coop]
    )
    url = reverse("assessment:assessment_comment", args=[assessment.pk])
    client_for(cast.b_viewer).post(url, {"text": "Guter Plan"})
    assert assessment.comments.filter(text="Guter Plan").exists()
    assessment.visibility = "platform"
    assessment.save()
    assert client_for(cast.z_admin).post(url, {"text": "Spam"}).status_code == 403


def test_district_overview_query_count_is_constant(cast, client_for):
    catalogue = make_catalogue(cast, owner=cast.org_a, visibility="platform")
    client = client_for(cast.a_editor)
    url = reverse("assessment:district") + f"?family={catalogue.family}"

    def add(n):
        for _ in range(n):
            area = make_area(cast, owner=cast.org_a, visibility="platform")
            a = Assessment.objects.create(area=area, catalogue=catalogue, scenario="S", owner=cast.org_a)
            Rating.objects.create(assessment=a, measure=catalogue.nodes.get(code="M1"), level=2)

    add(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(8)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_district_overview_with_an_unknown_catalogue_shows_the_first_and_says_so(cast, client_for):
    catalogue = make_catalogue(cast, owner=cast.org_a, visibility="platform")
    hidden = make_catalogue(cast, owner=cast.org_b, visibility="private")  # not visible to org A
    client = client_for(cast.a_editor)
    url = reverse("assessment:district")
    for family in ("x", "00000000-0000-0000-0000-000000000000", hidden.family):
        response = client.get(url, {"family": family}, HTTP_ACCEPT_LANGUAGE="de")
        assert response.status_code == 200, family
        html = response.content.decode()
        assert "Dieser Katalog kann nicht angezeigt werden" in html
        assert f'value="{catalogue.family}" selected' in html  # the first visible catalogue instead
    ok = client.get(url, {"family": catalogue.family}).content.decode()
    assert "Dieser Katalog kann nicht angezeigt werden" not in ok


def test_api_score_and_rate(cast, client_for):
    assessment = make_assessment(cast, owner=cast.org_a, created_by=cast.a_editor)
    client = client_for(cast.a_editor)
    data = client.get(reverse("api:assessment-assessment-score", args=[assessment.pk])).json()
    assert data["total"] == pytest.approx(100 * 6 / 9)
    m2 = assessment.catalogue.nodes.get(code="M2")
    response = client.post(
        reverse("api:assessment-assessment-rate", args=[assessment.pk]),
        {"measure": m2.pk, "not_applicable": True, "reason": ""},
        content_type="application/json",
    )
    assert response.status_code == 400 and "reason" in response.json()
    assert (
        client_for(cast.z_admin)
        .get(reverse("api:assessment-assessment-score", args=[assessment.pk]))
        .status_code
        == 404
    )


def test_openapi_schema_lists_the_endpoints(cast, client_for):
    response = client_for(cast.a_editor).get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/assessment/catalogues/",
        "/api/v1/assessment/entries/",
        "/api/v1/assessment/areas/",
        "/api/v1/assessment/assessments/{id}/score/",
        "/api/v1/assessment/assessments/{id}/rate/",
        "/api/v1/assessment/ratings/",
    ):
        assert path in paths, path


def test_search_finds_measures_and_areas_only_when_visible(cast):
    from ikonnekt.search.registry import specs

    registered = specs()
    make_area(cast, owner=cast.org_a, visibility="private")
    area_spec = registered["assessment.area"]
    node_spec = registered["assessment.cataloguenode"]
    make_catalogue(cast, owner=cast.org_a, visibility="private")
    assert area_spec.visible(cast.a_viewer).exists()
    assert not area_spec.visible(cast.z_admin).exists()
    assert node_spec.visible(cast.a_viewer).filter(title="Photovoltaik").exists()
    assert not node_spec.visible(cast.z_admin).exists()


def test_areas_and_catalogues_in_use_are_not_deleted(cast, client_for):
    assessment = make_assessment(cast, owner=cast.org_a, created_by=cast.a_admin)
    client = client_for(cast.a_admin)
    client.post(reverse("assessment:area_delete", args=[assessment.area_id]))
    client.post(reverse("assessment:catalogue_delete", args=[assessment.catalogue_id]))
    assert client.delete(reverse("api:assessment-area-detail", args=[assessment.area_id])).status_code == 400
    response = client.delete(reverse("api:assessment-catalogue-detail", args=[assessment.catalogue_id]))
    assert response.status_code == 400
    assert Assessment.objects.filter(pk=assessment.pk).exists()


def test_api_entries_are_written_only_in_drafts_by_editors(cast, client_for):
    draft = make_catalogue(
        cast, owner=cast.org_a, created_by=cast.a_editor, status="draft", visibility="platform"
    )
    parent = draft.nodes.get(code="K.1")
    url = reverse("api:assessment-entry-list")
    payload = {
        "catalogue": draft.pk,
        "parent": parent.pk,
        "kind": "measure",
        "code": "M9",
        "title": "Neu",
        "sdgs": [12],
    }
    assert client_for(cast.z_admin).post(url, payload, content_type="application/json").status_code == 403
    response = client_for(cast.a_editor).post(url, payload, content_type="application/json")
    assert response.status_code == 201, response.content
    bad = {**payload, "code": "M10", "sdgs": [18]}
    assert client_for(cast.a_editor).post(url, bad, content_type="application/json").status_code == 400
    draft.status = "published"
    draft.save()
    detail = reverse("api:assessment-entry-detail", args=[response.json()["id"]])
    client = client_for(cast.a_editor)
    assert client.patch(detail, {"title": "Geändert"}, content_type="application/json").status_code == 400
    assert client.delete(detail).status_code == 400


def test_rating_updates_the_section_tab_scores_too(cast, client_for):
    """The section tabs showed 0 % until the page was reloaded: the rating answer now swaps them."""
    assessment = make_assessment(cast, owner=cast.org_a, created_by=cast.a_editor)
    client = client_for(cast.a_editor)
    m1 = assessment.catalogue.nodes.get(code="M1")
    response = rate(client, assessment, m1, level="3")
    html = response.content.decode()
    section = assessment.catalogue.nodes.filter(parent__isnull=True).first()
    assert f'id="tab-score-{section.pk}" hx-swap-oob="true"' in html
    fill = client.get(reverse("assessment:assessment_fill", args=[assessment.pk])).content.decode()
    assert f'id="tab-score-{section.pk}"' in fill


def test_pdf_radar_keeps_long_labels_whole_and_inside_and_failures_once(cast):
    from ikonnekt.assessment import charts

    labels = [
        "Flächenverbrauch und Bodenschutz im Quartier",
        "Energieeffizienz und erneuerbare Energien",
        "Mobilität und Erreichbarkeit",
        "Soziale Infrastruktur und Teilhabe",
        "Klimaanpassung",
    ]
    svg = charts.svg_radar(labels, [50, 60, 70, 80, 90])
    for label in labels:
        for word in label.split():
            assert word in svg
    # every label line fits into the viewBox at ~4.6 px per character (font-size 8)
    import re

    vb = re.search(r'viewBox="(-?[\d.]+) 0 ([\d.]+) ', svg)
    left, width = float(vb.group(1)), float(vb.group(2))
    for m in re.finditer(
        r'<text x="([\d.]+)" y="[\d.]+" font-size="8" text-anchor="(\w+)">(.*?)</text>', svg
    ):
        x, anchor = float(m.group(1)), m.group(2)
        for line in re.findall(r"<tspan[^>]*>(.*?)</tspan>", m.group(3)):
            w = len(line) * charts.CHAR_WIDTH
            lo = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
            assert left <= lo and lo + w <= left + width, line
    assert "n/a" not in charts.svg_bars([("x", None, "#000")])  # translated in German: "n. a."


def test_pdf_names_each_failed_minimum_requirement_once(cast):
    from django.template.loader import render_to_string

    from ikonnekt.assessment import report

    assessment = make_assessment(cast, owner=cast.org_a, created_by=cast.a_editor)
    data = report.build(assessment)
    data["svg"] = {"radar": "", "sdg": ""}
    data["failures"] = ["Mindestanforderung nicht erfüllt: M1 Test (Stufe 1 nötig)"]
    data["label"] = ""
    html = render_to_string("assessment/assessment_pdf.html", data)
    assert html.count("indestanforderung") == 1


def test_detail_rows_show_comments_documents_and_one_csrf_token(cast, client_for):
    """The table rows are written in Python (assessment.tablerows): escaping, comments, links, forms."""
    assessment = make_assessment(cast, owner=cast.org_a, created_by=cast.a_editor)
    client = client_for(cast.a_editor)
    m1 = assessment.catalogue.nodes.get(code="M1")
    Rating.objects.filter(assessment=assessment, measure=m1).update(
        evidence="<b>Beleg</b>", documents="https://example.org/" + "x" * 80, status="planned"
    )
    client.post(
        reverse("assessment:assessment_comment", args=[assessment.pk]),
        {"text": "<i>Gut</i>", "measure": m1.pk},
    )
    html = client.get(assessment.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    row = html[html.index(f'id="node-{m1.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "&lt;b&gt;Beleg&lt;/b&gt;" in row and "&lt;i&gt;Gut&lt;/i&gt;" in row
    assert f'<a href="https://example.org/{"x" * 80}" rel="noopener nofollow">' in row
    assert "…</a>" in row
    assert f'<input type="hidden" name="measure" value="{m1.pk}">' in row
    assert 'name="csrfmiddlewaretoken" value="' in row
    assert '<span class="badge text-bg-light">' in row


def test_catalogue_page_escapes_the_fact_sheet_and_keeps_its_line_breaks(cast, client_for):
    """The fact sheet is free text: written into the table rows in Python, it is escaped as the
    template's ``|linebreaksbr`` escaped it."""
    from ikonnekt.assessment.models import CatalogueNode
    from tests.assessment.factories import make_catalogue

    catalogue = make_catalogue(cast, owner=cast.org_a, visibility="platform")
    CatalogueNode.objects.filter(catalogue=catalogue, code="M1").update(
        factsheet='<script>alert("x")</script>\nzweite Zeile & mehr', level_1="Stufe 1"
    )
    html = client_for(cast.b_viewer).get(reverse("assessment:catalogue_detail", args=[catalogue.pk])).content
    html = html.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>zweite Zeile &amp; mehr" in html


def test_detail_page_rows_read_as_plain_rows_match_the_model_objects(cast):
    """results.entries / rating_rows (the detail page's plain rows, #18) give the report and the
    table rows the model objects give: same scores, explanations, failures and HTML."""
    from ikonnekt.assessment import report, results, tablerows

    assessment = make_assessment(cast, owner=cast.org_a, created_by=cast.a_editor)
    nodes = list(assessment.catalogue.nodes.order_by("order", "id"))
    nodes[-1].implementer, nodes[-1].indicator, nodes[-1].is_minimum = "both", "<RR> %", True
    nodes[-1].save()
    m1 = assessment.catalogue.nodes.get(code="M1")
    Rating.objects.filter(assessment=assessment, measure=m1).update(
        not_applicable=True,
        level=None,
        reason="<kein Dach>",
        documents="https://a.example\n\nb",
        status="planned",
    )
    nodes = results.catalogue_nodes([assessment.catalogue_id])[assessment.catalogue_id]
    entries = results.entries(assessment.catalogue_id)
    assert [(e.pk, str(e), e.is_measure, str(e.get_implementer_display())) for e in entries] == [
        (n.pk, str(n), n.is_measure, str(n.get_implementer_display())) for n in nodes
    ]
    for name in results.Entry.__slots__:
        assert [getattr(e, name) for e in entries] == [getattr(n, name) for n in nodes], name
    ratings = list(assessment.ratings.order_by())
    rows = results.rating_rows(assessment.pk)
    by_pk = {r.pk: r for r in ratings}
    assert sorted(by_pk) == sorted(r.pk for r in rows)
    for row in rows:
        for name in results.RatingRow.__slots__[:9]:
            assert getattr(row, name) == getattr(by_pk[row.pk], name), name
        assert row.document_list() == by_pk[row.pk].document_list()

    def html(data):
        for row in data["rows"]:
            row.comments, row.feed_problem, row.feed_visible = [], "", False
        return tablerows.rows_html(data["rows"], comment_url="/c/", csrf_token="t", can_comment=True)

    old = report.build(assessment, nodes=nodes, ratings=ratings)
    new = report.build(assessment, nodes=entries, ratings=rows)
    for key in ("total_explanation", "label", "failures", "sdg_points", "rated", "measure_count"):
        assert new[key] == old[key], key
    assert [(r.depth, r.score, r.explanation) for r in new["rows"]] == [
        (r.depth, r.score, r.explanation) for r in old["rows"]
    ]
    assert html(new) == html(old)
