import io
import zipfile

import pytest

from ikonnekt.documents import ingest
from ikonnekt.documents.pdfgen import make_docx, make_pdf


def test_type_is_detected_by_content_not_name():
    assert ingest.inspect_upload("brief.txt", make_pdf("A", ["B"])).mime_type == ingest.PDF
    assert ingest.inspect_upload("x.pdf", make_docx("A", ["B"])).mime_type == ingest.DOCX
    assert ingest.inspect_upload("notiz", "Grüße".encode()).mime_type == ingest.TXT


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("leer.pdf", b"", "leer"),
        (
            "x.exe",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 100,
            "nicht unterstützt",
        ),
        ("kaputt.pdf", make_pdf("A", ["B"])[:200], "unvollständig"),
        ("a\x07.pdf", make_pdf("A", ["B"]), "Steuerzeichen"),
    ],
)
def test_bad_uploads_get_a_clear_message(settings, name, data, message):
    settings.LANGUAGE_CODE = "de"
    from django.utils import translation

    with translation.override("de"), pytest.raises(ingest.UploadRejected) as exc:
        ingest.inspect_upload(name, data)
    assert message.lower() in str(exc.value).lower()


def test_path_separators_are_removed_from_names():
    assert ingest.clean_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert ingest.clean_name("C:\\Users\\x\\Brief.pdf") == "Brief.pdf"


def test_password_protected_pdf_is_refused():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("Geheim", ["Text"]))))
    writer.encrypt("geheim")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ingest.UploadRejected, match="(?i)pass"):
        ingest.inspect_upload("geheim.pdf", out.getvalue())


def test_zip_bomb_in_docx_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "0" * (300 * 1024 * 1024))
    with pytest.raises(ingest.UploadRejected, match="ZIP"):
        ingest.inspect_upload("bombe.docx", out.getvalue())


def test_too_large_upload_is_refused_by_declared_size(settings):
    settings.MAX_UPLOAD_MB = 1
    with pytest.raises(ingest.UploadRejected, match="MB"):
        ingest.inspect_upload("gross.pdf", b"%PDF-1.4", declared_size=2 * 1024**3)
