"""Import/export of catalogues: round trip and row-precise errors, nothing half-imported."""

import io
import json

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from ikonnekt.assessment import actions, catalogue_io
from ikonnekt.assessment.catalogue_io import ImportFailed
from ikonnekt.assessment.models import Catalogue
from ikonnekt.core.audit import Actor
from tests.assessment.factories import make_catalogue


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in the source language here; German in test_german_message."""
    with translation.override("en"):
        yield


HEADER = ["Code", "Übergeordnet", "Typ", "Titel", "SDG", "Umsetzung", "Gewicht"]


def workbook(rows, header=HEADER):
    wb = Workbook()
    meta = wb.active
    meta.title = "Katalog"
    meta.append(["Titel", "Test"])
    sheet = wb.create_sheet("Einträge")
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


GOOD = [
    ["U", "", "Kategorie", "Umwelt", "", "", ""],
    ["U.1", "U", "Maßnahme", "PV", "7, 13", "Unternehmen", "2"],
]


def problems_of(content):
    with pytest.raises(ImportFailed) as exc:
        catalogue_io.parse_xlsx(content)
    return [str(p) for p in exc.value.problems]


def test_good_xlsx_parses():
    data = catalogue_io.parse_xlsx(workbook(GOOD))
    assert [n["code"] for n in data.nodes] == ["U", "U.1"]
    assert data.nodes[1]["sdgs"] == [7, 13] and data.nodes[1]["implementer"] == "company"


def test_missing_column_is_named():
    content = workbook([["U", "Kategorie", "Umwelt"]], header=["Code", "Typ", "Titel"])
    assert problems_of(content) == [
        "Sheet “Einträge”, row 1, column “Übergeordnet”: Required column is missing."
    ]


def test_unknown_sdg_names_row_and_column():
    rows = [GOOD[0], ["U.1", "U", "Maßnahme", "PV", "7, 18", "", ""]]
    assert problems_of(workbook(rows)) == [
        "Sheet “Einträge”, row 3, column “SDG”: Unknown SDG number “18” (allowed: 1 to 17)."
    ]


def test_duplicate_codes_cycles_and_empty_categories():
    rows = [
        GOOD[0],
        ["U.1", "U", "Maßnahme", "PV", "", "", ""],
        ["U.1", "U", "Maßnahme", "Wärme", "", "", ""],
    ]
    assert (
        "row 4, column “Code”: The code U.1 is used twice (also in row 3)." in problems_of(workbook(rows))[0]
    )
    cycle = [["A", "B", "Kategorie", "A", "", "", ""], ["B", "A", "Kategorie", "B", "", "", ""]]
    assert any("cycle" in p for p in problems_of(workbook(cycle)))
    empty = [*GOOD, ["S", "", "Kategorie", "Soziales", "", "", ""]]
    assert problems_of(workbook(empty)) == ["Sheet “Einträge”, row 4: The category S contains no measure."]


def test_not_an_excel_file():
    assert problems_of(b"hello") == ["Sheet “Einträge”: This is not an Excel file (.xlsx)."]


@pytest.mark.django_db
def test_round_trip_xlsx_and_json(cast):
    source = make_catalogue(cast, owner=cast.org_a)
    nodes = list(source.nodes.all())
    actor = Actor(user=cast.a_editor)
    for data in (
        catalogue_io.parse_xlsx(catalogue_io.export_xlsx(source, nodes)),
        catalogue_io.parse_json(catalogue_io.export_json(source, nodes).encode()),
    ):
        copy = actions.import_catalogue(actor, cast.org_a.pk, data)
        assert copy.is_draft
        original = [
            (n.code, n.parent.code if n.parent else None, n.kind, n.title, n.sdgs, n.weight) for n in nodes
        ]
        imported = [
            (n.code, n.parent.code if n.parent else None, n.kind, n.title, n.sdgs, n.weight)
            for n in copy.nodes.all()
        ]
        assert imported == original


@pytest.mark.django_db
def test_bad_import_through_the_page_creates_nothing(cast, client_for):
    client = client_for(cast.a_editor)
    before = Catalogue.objects.count()
    upload = io.BytesIO(workbook([GOOD[0], ["U.1", "U", "Maßnahme", "PV", "99", "", ""]]))
    upload.name = "katalog.xlsx"
    response = client.post("/assessment/catalogues/import/", {"file": upload, "owner": cast.org_a.pk})
    assert response.status_code == 200
    assert (
        "Unknown SDG number" in response.content.decode()
        or "Unbekannte SDG-Nummer" in response.content.decode()
    )
    assert Catalogue.objects.count() == before


@pytest.mark.django_db
def test_json_errors():
    with pytest.raises(ImportFailed):
        catalogue_io.parse_json(b"{not json")
    bad = {
        "catalogue": {"title": "X"},
        "nodes": [{"code": "M", "parent": None, "kind": "measure", "title": "M"}],
    }
    with pytest.raises(ImportFailed) as exc:
        catalogue_io.parse_json(json.dumps(bad).encode())
    assert "A measure must belong to a category." in str(exc.value)


@pytest.mark.django_db
def test_ratings_xlsx_round_trip_and_level_errors(cast):
    from ikonnekt.assessment import report
    from tests.assessment.factories import make_assessment

    assessment = make_assessment(cast, owner=cast.org_a, created_by=cast.a_editor)
    content = report.xlsx(report.build(assessment))
    codes = ["M1", "M2", "M3"]
    rows = catalogue_io.parse_ratings_xlsx(content, codes)
    assert {r["code"]: r["level"] for r in rows} == {"M1": 3, "M2": 1, "M3": 2}
    wb = load_workbook(io.BytesIO(content))
    wb["Bewertung"]["B2"] = 4
    wb["Bewertung"]["C3"] = "ja"
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(ImportFailed) as exc:
        catalogue_io.parse_ratings_xlsx(out.getvalue(), codes)
    messages = [str(p) for p in exc.value.problems]
    assert (
        messages[0] == "Sheet “Bewertung”, row 2, column “Stufe”: The level must be 0, 1, 2 or 3 (found “4”)."
    )
    assert "row 3, column “Begründung”" in messages[1]


def test_german_message():
    rows = [GOOD[0], ["U.1", "U", "Maßnahme", "PV", "7, 18", "", ""]]
    with translation.override("de"):
        assert problems_of(workbook(rows)) == [
            "Blatt „Einträge“, Zeile 3, Spalte „SDG“: Unbekannte SDG-Nummer „18“ (erlaubt: 1 bis 17)."
        ]
