"""Upload and money validators: content sniffed, size and name checked, two decimals at most."""

from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_UPLOAD = 5 * 1024 * 1024
IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg", b"RIFF": "webp"}
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".webp"}


def _head(file, n=16):
    pos = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(n)
    file.seek(pos)
    return head


def _check_size_and_name(file, extensions):
    if file.size > MAX_UPLOAD:
        raise ValidationError(_("The file is larger than 5 MB."))
    name = Path(file.name or "").name
    if not name or name.startswith(".") or "\x00" in name or len(name) > 150:
        raise ValidationError(_("The file name is not allowed."))
    if Path(name).suffix.lower() not in extensions:
        raise ValidationError(_("Allowed file types: %(types)s.") % {"types": ", ".join(sorted(extensions))})


def _is_image(head: bytes) -> bool:
    return any(head.startswith(sig) for sig in IMAGE_SIGNATURES) and (
        not head.startswith(b"RIFF") or head[8:12] == b"WEBP"
    )


def validate_image(file):
    """PNG, JPEG or WebP by content (not just by name), at most 5 MB."""
    if not file or getattr(file, "_committed", False):
        return  # already stored: checked when it was uploaded
    _check_size_and_name(file, IMAGE_EXTENSIONS)
    if not _is_image(_head(file)):
        raise ValidationError(_("The file is not a PNG, JPEG or WebP image."))


def validate_pdf_or_image(file):
    """Evidence documents: PDF or image by content, at most 5 MB."""
    if not file or getattr(file, "_committed", False):
        return
    _check_size_and_name(file, IMAGE_EXTENSIONS | {".pdf"})
    head = _head(file)
    if not (head.startswith(b"%PDF-") or _is_image(head)):
        raise ValidationError(_("The file is neither a PDF nor an image."))


def validate_money(value):
    """Amounts in euro have at most two decimals (no hidden fractions of a cent)."""
    if value is None:
        return
    if Decimal(value).as_tuple().exponent < -2 and Decimal(value) != Decimal(value).quantize(Decimal("0.01")):
        raise ValidationError(
            _("%(value)s has more than two decimals; enter the amount in euro and cent.") % {"value": value}
        )
