"""Checks for uploaded images and attachments: name, size and actual content (magic bytes),
never the browser's claimed content type. SVG and HTML are refused (they can carry scripts)."""

import io
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from ikonnekt.core import archives

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000

IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"}
IMAGE_EXTENSIONS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif", ".webp": "webp"}
ATTACHMENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".csv": "text/csv",
    ".txt": "text/plain",
    **{ext: IMAGE_TYPES[kind] for ext, kind in IMAGE_EXTENSIONS.items()},
}
OOXML_PARTS = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int
    is_image: bool


def safe_name(filename: str) -> str:
    """The last path component, reduced to safe characters; refuses empty and hidden names."""
    base = PurePath((filename or "").replace("\\", "/")).name
    try:
        name = get_valid_filename(base) if base.strip() else ""
    except SuspiciousFileOperation:
        name = ""
    if not name or name.startswith(".") or len(name) > 150:
        raise ValidationError(_("The file name “%(name)s” is not allowed.") % {"name": base[:80]})
    return name


def _read(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _image_kind(head: bytes) -> str | None:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def check_image(upload) -> CheckedFile:
    name = safe_name(upload.name)
    ext = PurePath(name).suffix.lower()
    if ext not in IMAGE_EXTENSIONS:
        raise ValidationError(_("“%(name)s”: images must be PNG, JPEG, GIF or WebP files.") % {"name": name})
    size = upload.size
    if size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("“%(name)s” is %(size).1f MB; images may be at most %(max)d MB.")
            % {"name": name, "size": size / 1e6, "max": MAX_IMAGE_BYTES // (1024 * 1024)}
        )
    data = _read(upload)
    kind = _image_kind(data[:16])
    if kind is None or kind != IMAGE_EXTENSIONS[ext]:
        raise ValidationError(
            _("“%(name)s” is not a valid %(type)s image (its content does not match the file name).")
            % {"name": name, "type": IMAGE_EXTENSIONS[ext].upper()}
        )
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("“%(name)s” has too many pixels (%(w)d × %(h)d).")
                    % {"name": name, "w": width, "h": height}
                )
            image.verify()
    except ValidationError:
        raise
    except Exception:
        raise ValidationError(_("“%(name)s” is damaged or not an image.") % {"name": name}) from None
    return CheckedFile(name, IMAGE_TYPES[kind], size, True)


def check_attachment(upload) -> CheckedFile:
    name = safe_name(upload.name)
    ext = PurePath(name).suffix.lower()
    if ext in IMAGE_EXTENSIONS:
        return check_image(upload)
    if ext not in ATTACHMENT_TYPES:
        raise ValidationError(
            _("“%(name)s”: allowed are PDF, DOCX, XLSX, PPTX, ODT, ODS, CSV, TXT and images.")
            % {"name": name}
        )
    size = upload.size
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("“%(name)s” is %(size).1f MB; attachments may be at most %(max)d MB.")
            % {"name": name, "size": size / 1e6, "max": MAX_ATTACHMENT_BYTES // (1024 * 1024)}
        )
    if size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name})
    data = _read(upload)
    mismatch = ValidationError(
        _("The content of “%(name)s” does not match its file type %(ext)s.") % {"name": name, "ext": ext}
    )
    if ext == ".pdf":
        if not data.startswith(b"%PDF-"):
            raise mismatch
    elif ext in OOXML_PARTS or ext in (".odt", ".ods"):
        if not archives.is_zip(data):
            raise mismatch
        try:  # sizes and ratios are checked before any member is inflated (ZIP bombs)
            with archives.open_archive(data, archives.OFFICE) as archive:
                names = archive.namelist()
                if ext in OOXML_PARTS:
                    ok = "[Content_Types].xml" in names and any(n.startswith(OOXML_PARTS[ext]) for n in names)
                else:
                    ok = (
                        "mimetype" in names
                        and archive.read("mimetype", limit=256).decode("ascii", "replace").strip()
                        == (ATTACHMENT_TYPES[ext])
                    )
                archive.test()
        except archives.ArchiveRejected as exc:
            raise ValidationError(_("“%(name)s”: %(reason)s") % {"name": name, "reason": exc}) from None
        if not ok:
            raise mismatch
    else:  # .csv, .txt: must be text
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise mismatch from None
        if "\x00" in text:
            raise mismatch
    return CheckedFile(name, ATTACHMENT_TYPES[ext], size, False)
