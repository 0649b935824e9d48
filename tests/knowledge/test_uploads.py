"""Uploads are checked by content, size and name, not by what the browser claims."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from ikonnekt.knowledge import uploads


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in their English source form (the German .po is tested elsewhere)."""
    with translation.override("en"):
        yield


def png_bytes(size=(4, 3)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, "PNG")
    return buffer.getvalue()


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_real_png_is_accepted():
    checked = uploads.check_image(SimpleUploadedFile("Foto Grüngut.png", png_bytes(), "image/png"))
    assert checked.content_type == "image/png" and checked.is_image
    assert checked.name == "Foto_Grüngut.png"


def test_html_disguised_as_png_is_refused():
    fake = SimpleUploadedFile("bild.png", b"<html><script>alert(1)</script></html>", "image/png")
    with pytest.raises(ValidationError, match="not a valid PNG image"):
        uploads.check_image(fake)


def test_jpeg_named_png_is_refused():
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2)).save(buffer, "JPEG")
    with pytest.raises(ValidationError, match="does not match"):
        uploads.check_image(SimpleUploadedFile("bild.png", buffer.getvalue()))


def test_svg_is_refused():
    svg = SimpleUploadedFile("logo.svg", b'<svg onload="alert(1)"/>', "image/svg+xml")
    with pytest.raises(ValidationError, match="PNG, JPEG, GIF or WebP"):
        uploads.check_image(svg)
    with pytest.raises(ValidationError, match="allowed are"):
        uploads.check_attachment(svg)


def test_truncated_png_is_refused():
    data = png_bytes()[:30]
    with pytest.raises(ValidationError, match="damaged"):
        uploads.check_image(SimpleUploadedFile("kaputt.png", data))


def test_oversized_image_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_IMAGE_BYTES", 10)
    with pytest.raises(ValidationError, match="at most"):
        uploads.check_image(SimpleUploadedFile("gross.png", png_bytes()))


@pytest.mark.parametrize("name", ["../../etc/passwd.pdf", "..\\..\\boot.ini.pdf"])
def test_path_components_are_stripped(name):
    checked = uploads.check_attachment(SimpleUploadedFile(name, b"%PDF-1.7\n..."))
    assert "/" not in checked.name and "\\" not in checked.name and checked.name.endswith(".pdf")


@pytest.mark.parametrize("name", [".htaccess", "", "   "])
def test_hidden_or_empty_names_are_refused(name):
    with pytest.raises(ValidationError, match="not allowed"):
        uploads.safe_name(name)


def test_pdf_and_docx_are_checked_by_content():
    assert (
        uploads.check_attachment(SimpleUploadedFile("v.pdf", b"%PDF-1.7 x")).content_type == "application/pdf"
    )
    assert uploads.check_attachment(SimpleUploadedFile("v.docx", docx_bytes())).name == "v.docx"
    with pytest.raises(ValidationError, match="does not match its file type .pdf"):
        uploads.check_attachment(SimpleUploadedFile("v.pdf", b"MZ\x90\x00 windows exe"))
    with pytest.raises(ValidationError, match="does not match its file type .docx"):
        uploads.check_attachment(SimpleUploadedFile("v.docx", b"PK\x03\x04garbage"))


def test_executables_are_refused():
    with pytest.raises(ValidationError, match="allowed are"):
        uploads.check_attachment(SimpleUploadedFile("tool.exe", b"MZ"))


def test_binary_data_as_csv_is_refused():
    with pytest.raises(ValidationError, match="does not match"):
        uploads.check_attachment(SimpleUploadedFile("werte.csv", b"a;b\n\x00\x01"))
    assert uploads.check_attachment(
        SimpleUploadedFile("werte.csv", "Jahr;Menge\n2024;2.400\n".encode("cp1252"))
    )
