"""Checks for uploaded attachments: size, name and content (magic bytes), never the browser's type."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SIGNATURES = {
    ".pdf": [b"%PDF-"],
    ".docx": [b"PK\x03\x04"],
    ".xlsx": [b"PK\x03\x04"],
    ".odt": [b"PK\x03\x04"],
    ".ods": [b"PK\x03\x04"],
    ".png": [b"\x89PNG\r\n\x1a\n"],
    ".jpg": [b"\xff\xd8\xff"],
    ".jpeg": [b"\xff\xd8\xff"],
}


def check_document(upload, max_bytes: int) -> None:
    name = Path(upload.name or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in SIGNATURES:
        raise ValidationError(
            {"attachment": _("Allowed file types: %(types)s") % {"types": ", ".join(sorted(SIGNATURES))}}
        )
    if upload.size > max_bytes:
        raise ValidationError(
            {"attachment": _("The file is larger than %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)}}
        )
    if len(name) > 150 or any(c in name for c in "/\\\x00"):
        raise ValidationError({"attachment": _("The file name is too long or contains invalid characters.")})
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in SIGNATURES[suffix]):
        raise ValidationError(
            {"attachment": _("The content of the file does not match its type %(type)s.") % {"type": suffix}}
        )
