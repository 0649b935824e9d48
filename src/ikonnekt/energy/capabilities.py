from django.utils.translation import gettext as _


def capabilities():
    try:
        import weasyprint  # noqa: F401

        ok, detail = True, _("PDF energy reports available")
    except Exception:  # WeasyPrint needs system libraries (Pango)
        ok, detail = False, _("WeasyPrint missing: annual reports only as XLSX")
    return [{"name": _("Energy report PDF (WeasyPrint)"), "ok": ok, "detail": detail}]
