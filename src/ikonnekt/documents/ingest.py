"""Checking uploads: type by content (not by name), size, names, broken or dangerous files.

``inspect_upload(name, data)`` returns a :class:`Checked` or raises :class:`UploadRejected`
with a German message for the user; nothing is stored before it passed.
"""

import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from ikonnekt.core import archives

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
TXT = "text/plain"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
ACCEPTED = {
    PDF: ".pdf",
    DOCX: ".docx",
    XLSX: ".xlsx",
    ODT: ".odt",
    ODS: ".ods",
    TXT: ".txt",
    PNG: ".png",
    JPEG: ".jpg",
    TIFF: ".tif",
}
LABELS = {
    PDF: "PDF",
    DOCX: "Word (DOCX)",
    XLSX: "Excel (XLSX)",
    ODT: "OpenDocument Text",
    ODS: "OpenDocument Tabelle",
    TXT: "Text",
    PNG: "PNG",
    JPEG: "JPEG",
    TIFF: "TIFF",
}
IMAGES = {PNG, JPEG, TIFF}
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class UploadRejected(ValueError):
    """An upload that cannot be stored; ``str()`` is the message for the user."""


@dataclass(frozen=True)
class Checked:
    name: str
    mime_type: str
    size: int
    sha256: str
    pdf_pages: int | None = None


def max_upload_bytes() -> int:
    return int(getattr(settings, "DOCUMENTS_MAX_UPLOAD_MB", settings.MAX_UPLOAD_MB)) * 1024 * 1024


def clean_name(name: str) -> str:
    """The file name without any path, control characters or leading dots."""
    name = unicodedata.normalize("NFC", name or "")
    if CONTROL.search(name):
        raise UploadRejected(_("The file name contains control characters; please rename the file."))
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip().lstrip(".")
    if not name:
        raise UploadRejected(_("The file has no usable name."))
    return name[:200]


def detect_type(data: bytes) -> str | None:
    """The content type from the first bytes (and, for ZIP containers, their members)."""
    head = data[:8]
    if data[:1024].lstrip().startswith(b"%PDF-") or data.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return TIFF
    if head.startswith(b"PK\x03\x04"):
        # the archive's sizes are checked before any member is inflated (ZIP bombs); a refused
        # archive raises UploadRejected with the reason instead of "unsupported type"
        try:
            with archives.open_archive(data, archives.OFFICE) as zf:
                names = set(zf.namelist())
                if "mimetype" in names:
                    mimetype = zf.read("mimetype", limit=256).decode("ascii", "replace").strip()
                    if mimetype in (ODT, ODS):
                        return mimetype
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
        except archives.ArchiveRejected as exc:
            raise UploadRejected(str(exc)) from exc
        return None
    if b"\x00" not in data[:65536]:
        try:
            data[:65536].decode("utf-8")
            return TXT
        except UnicodeDecodeError as exc:
            if exc.start > 65530:  # cut inside a multi-byte character
                return TXT
            try:
                data[:65536].decode("cp1252")
                return TXT
            except UnicodeDecodeError:
                return None
    return None


def _check_zip(data: bytes) -> None:
    """Sizes, ratios and every member's CRC, inflated in capped chunks (core.archives)."""
    try:
        archives.check_archive(data, archives.OFFICE, test=True)
    except archives.ArchiveRejected as exc:
        raise UploadRejected(str(exc)) from exc


def _check_pdf(data: bytes) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if b"%%EOF" not in data[-2048:]:
        raise UploadRejected(_("The PDF is incomplete (truncated); please upload the whole file again."))
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:
                ok = 0
            if not ok:
                raise UploadRejected(_("The PDF is password-protected; please upload it without a password."))
            raise UploadRejected(
                _("The PDF is encrypted; please save it without encryption and upload again.")
            )
        pages = len(reader.pages)
    except UploadRejected:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise UploadRejected(_("The PDF is damaged and cannot be read.")) from exc
    if pages == 0:
        raise UploadRejected(_("The PDF has no pages."))
    return pages


def _check_image(data: bytes) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.width * img.height > 80_000_000:
                raise UploadRejected(_("The image is too large (more than 80 megapixels)."))
            img.verify()
    except UploadRejected:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise UploadRejected(_("The image is damaged and cannot be read.")) from exc


def inspect_upload(name: str, data: bytes, declared_size: int | None = None) -> Checked:
    """Check an upload completely; raise :class:`UploadRejected` with the reason."""
    name = clean_name(name)
    size = len(data) if declared_size is None else declared_size
    limit = max_upload_bytes()
    if size > limit:
        raise UploadRejected(
            _("“%(name)s” is %(size)s MB; the limit is %(limit)s MB.")
            % {"name": name, "size": round(size / 1024 / 1024, 1), "limit": limit // (1024 * 1024)}
        )
    if not data:
        raise UploadRejected(_("“%(name)s” is empty (0 bytes).") % {"name": name})
    mime = detect_type(data)
    if mime is None:
        raise UploadRejected(
            _(
                "“%(name)s” has an unsupported type. Accepted: PDF, DOCX, ODT, XLSX, ODS, TXT, PNG, JPEG, TIFF."
            )
            % {"name": name}
        )
    pages = None
    if mime == PDF:
        pages = _check_pdf(data)
    elif mime in (DOCX, XLSX, ODT, ODS):
        _check_zip(data)
    elif mime in IMAGES:
        _check_image(data)
    elif mime == TXT and not data.strip():
        raise UploadRejected(_("“%(name)s” contains only blanks.") % {"name": name})
    return Checked(
        name=name, mime_type=mime, size=size, sha256=hashlib.sha256(data).hexdigest(), pdf_pages=pages
    )
