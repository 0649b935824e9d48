from django.utils.translation import gettext as _

from ikonnekt.documents import extraction


def capabilities():
    langs = extraction.tesseract_languages()
    ocr_ok = bool(extraction.tesseract_path()) and "deu" in langs
    return [
        {
            "name": _("OCR (Tesseract)"),
            "ok": ocr_ok,
            "detail": _("Languages: %(langs)s") % {"langs": ", ".join(langs)}
            if extraction.tesseract_path()
            else _(
                "Tesseract is not installed: scans and images are stored without text (apt install tesseract-ocr tesseract-ocr-deu)."
            ),
        },
        {
            "name": _("PDF previews and scanned PDFs (Ghostscript)"),
            "ok": bool(extraction.ghostscript_path()),
            "detail": extraction.ghostscript_path()
            or _("Ghostscript is not installed: no PDF previews, no OCR of scanned PDFs."),
        },
    ]
