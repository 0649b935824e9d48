"""ZIP bombs and malformed imports answer a German message, allocate little and store nothing.

Issue #20, defects 1 and 5: a 1 MB ODT whose ``mimetype`` member inflates to 1 GiB made a worker use
2.3 GB; malformed document packages, CSV fields over 128 KB, XLSX files with a DTD and deeply nested
JSON answered 500."""

import io
import json
import tracemalloc
import zipfile

import pytest
from django.utils import translation

from ikonnekt.core import archives

MB = 1024 * 1024


def deflated_bomb(member: str, size: int, extra: dict | None = None) -> bytes:
    """A ZIP whose ``member`` inflates to ``size`` zero bytes (about size/1000 on disk)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        info = zipfile.ZipInfo(member)
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as fh:
            chunk = bytes(MB)
            for _ in range(size // MB):
                fh.write(chunk)
        for name, content in (extra or {}).items():
            zf.writestr(name, content)
    return out.getvalue()


@pytest.fixture(scope="module")
def odt_bomb():
    return deflated_bomb("mimetype", 64 * MB, {"content.xml": "<office:document-content/>"})


def peak_allocation(func):
    tracemalloc.start()
    try:
        func()
    except Exception as exc:  # noqa: BLE001 - the caller checks the exception separately
        result = exc
    else:
        result = None
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, result


def test_the_bomb_is_small_on_disk(odt_bomb):
    assert len(odt_bomb) < 200 * 1024


def test_document_upload_refuses_a_bomb_without_inflating_it(odt_bomb):
    from ikonnekt.documents import ingest

    with translation.override("de"):
        peak, exc = peak_allocation(lambda: ingest.inspect_upload("bescheid.odt", odt_bomb))
    assert isinstance(exc, ingest.UploadRejected)
    assert "ZIP-Bombe" in str(exc) and "64 MB" in str(exc)
    assert peak < 4 * MB, f"{peak / MB:.1f} MB allocated while checking a bomb"


def test_knowledge_attachment_refuses_a_bomb(odt_bomb):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ikonnekt.knowledge import uploads

    with translation.override("de"):
        peak, exc = peak_allocation(lambda: uploads.check_attachment(SimpleUploadedFile("a.odt", odt_bomb)))
    assert isinstance(exc, ValidationError)
    assert "ZIP-Bombe" in exc.messages[0]
    assert peak < 4 * MB


def test_xlsx_import_refuses_a_bomb_before_openpyxl_sees_it():
    from ikonnekt.energy.domain import importers

    bomb = deflated_bomb("xl/worksheets/sheet1.xml", 32 * MB, {"xl/workbook.xml": "<workbook/>"})
    with translation.override("de"):
        peak, exc = peak_allocation(lambda: list(importers.read_table("zaehler.xlsx", bomb)))
    assert isinstance(exc, importers.FileRejected)
    assert "ZIP-Bombe" in str(exc)
    assert peak < 4 * MB


def test_capped_read_stops_at_the_cap_even_if_the_header_lies():
    data = deflated_bomb("a.txt", 4 * MB)
    with archives.open_archive(data, archives.Limits(ratio_floor=100 * MB)) as archive:
        with pytest.raises(archives.ArchiveRejected):
            archive.read("a.txt", limit=MB)
        assert len(archive.read("a.txt")) == 4 * MB


def test_too_many_members_are_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for i in range(20):
            zf.writestr(f"f{i}", "x")
    with pytest.raises(archives.ArchiveRejected, match="20"):
        archives.open_archive(out.getvalue(), archives.Limits(max_members=10))


# --- document packages ------------------------------------------------------------------------


def package(manifest, files=None, xdomea=None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", manifest if isinstance(manifest, str) else json.dumps(manifest))
        for name, content in (files or {}).items():
            zf.writestr(name, content)
        if xdomea is not None:
            zf.writestr("xdomea.xml", xdomea)
    return out.getvalue()


def row(**changes):
    import hashlib

    base = {
        "document_id": 7,
        "version": 1,
        "file_name": "a.txt",
        "path": "dokumente/7/v1_a.txt",
        "sha256": hashlib.sha256(b"Inhalt").hexdigest(),
        "title": "A",
        "kind": "other",
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


@pytest.mark.parametrize(
    "manifest, expected",
    [
        ([1, 2], "muss ein Objekt"),
        ({"format": "ikonnekt-dms-export", "documents": "x"}, "Liste"),
        ({"format": "ikonnekt-dms-export", "documents": ["a", "b"]}, "Dokumentzeile 1"),
        ({"format": "ikonnekt-dms-export", "documents": [row(document_id=None)]}, "„document_id“"),
        ({"format": "ikonnekt-dms-export", "documents": [row(version="x")]}, "„version“"),
        ({"format": "ikonnekt-dms-export", "documents": [row(path=5)]}, "„path“"),
        ({"format": "ikonnekt-dms-export", "documents": [], "file": "x"}, "„file“"),
        ("[" * 100_000 + "]" * 100_000, "kein gültiges JSON"),
    ],
)
def test_malformed_manifest_is_a_german_message(manifest, expected):
    from ikonnekt.documents import export

    data = package(manifest, {"dokumente/7/v1_a.txt": b"Inhalt"})
    with translation.override("de"), pytest.raises(export.PackageError) as exc:
        export.read_package(data)
    assert expected in str(exc.value)


def test_bad_crc_in_a_package_is_a_german_message():
    from ikonnekt.documents import export

    data = bytearray(
        package({"format": "ikonnekt-dms-export", "documents": [row()]}, {"dokumente/7/v1_a.txt": b"Inhalt"})
    )
    # flip one byte of the CRC-32 that the central directory stores for the document member
    # (central header: 46 fixed bytes before the name, the CRC at offset 16)
    offset = data.rfind(b"dokumente/7/v1_a.txt") - 46 + 16
    assert data[offset - 16 : offset - 12] == b"PK\x01\x02"
    data[offset] ^= 0xFF
    with translation.override("de"), pytest.raises(export.PackageError, match="beschädigt"):
        export.read_package(bytes(data))


def test_xdomea_with_a_dtd_is_refused():
    from ikonnekt.documents import export

    laughs = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><a>&b;</a>'
    data = package({"format": "ikonnekt-dms-export", "documents": []}, xdomea=laughs)
    with translation.override("de"), pytest.raises(export.PackageError, match="DTD"):
        export.read_package(data)


@pytest.mark.django_db
def test_package_with_a_bad_second_document_stores_nothing(cast):
    import hashlib

    from ikonnekt.core.audit import Actor
    from ikonnekt.documents import export
    from ikonnekt.documents.models import Document

    good, bad = b"Erstes Dokument", b"MZ\x90\x00 kein Dokument"
    rows = [
        row(),
        row(
            document_id=8,
            file_name="b.exe",
            path="dokumente/8/v1_b.exe",
            sha256=hashlib.sha256(bad).hexdigest(),
        ),
    ]
    rows[0]["sha256"] = hashlib.sha256(good).hexdigest()
    data = package(
        {"format": "ikonnekt-dms-export", "documents": rows},
        {"dokumente/7/v1_a.txt": good, "dokumente/8/v1_b.exe": bad},
    )
    with pytest.raises(Exception):  # noqa: B017 - UploadRejected; what matters is what is left
        export.import_package(Actor(user=cast.a_admin), data, owner_id=cast.org_a.pk)
    assert not Document.objects.exists()


# --- CSV / XLSX / JSON imports ----------------------------------------------------------------


def xlsx_with_dtd() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["a", "b"])
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"?>", b'?><!DOCTYPE l [<!ENTITY l "lollollol">]>', 1)
                content = content.replace(b"<t>a</t>", b"<t>&l;</t>")
            zf.writestr(info, content)
    return out.getvalue()


LONG_FIELD_CSV = b"code;titel\n1;" + b"x" * (200 * 1024) + b"\n"


@pytest.mark.parametrize("name, data", [("plan.csv", LONG_FIELD_CSV), ("plan.xlsx", xlsx_with_dtd())])
def test_filing_plan_reader_answers_german(name, data):
    from ikonnekt.documents import filing_plan

    with translation.override("de"), pytest.raises(filing_plan.PlanError) as exc:
        filing_plan.read_rows(name, data)
    assert "128 KB" in str(exc.value) or "DTD" in str(exc.value)


@pytest.mark.parametrize("name, data", [("z.csv", LONG_FIELD_CSV), ("z.xlsx", xlsx_with_dtd())])
def test_meter_reading_reader_answers_german(name, data):
    from ikonnekt.energy.domain import importers

    with translation.override("de"), pytest.raises(importers.FileRejected) as exc:
        list(importers.read_table(name, data))
    assert "128 KB" in str(exc.value) or "DTD" in str(exc.value)


def test_catalogue_json_nested_100000_levels_is_a_message():
    from ikonnekt.assessment import catalogue_io

    with translation.override("de"), pytest.raises(catalogue_io.ImportFailed) as exc:
        catalogue_io.parse_json(b"[" * 100_000 + b"]" * 100_000)
    assert "verschachtelt" in str(exc.value.problems[0].message)


@pytest.mark.django_db
def test_product_import_reads_windows_1252():
    from ikonnekt.market import productimport

    text = "product;category;variant;unit;price;vat_rate\nÄpfel Boskoop süß;fruit;1 kg Tüte;kg;2,50;7\n"
    rows = productimport.parse_products(text.encode("cp1252"))
    assert rows[0]["product"] == "Äpfel Boskoop süß"
