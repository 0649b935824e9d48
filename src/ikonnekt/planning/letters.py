"""Mail merge of owner contact letters (DOCX with python-docx, PDF with WeasyPrint).

Placeholders are ``{name}`` style; only the listed keys are allowed (no attribute or index
access, so a template can never reach Python objects).
"""

import io
import string

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

PLACEHOLDERS = ("name", "street", "postcode", "city", "site", "parcel", "location", "municipality")

DEFAULT_TEMPLATE = (
    "Sehr geehrte/r {name},\n\n"
    "die Gemeinde {municipality} möchte Baulücken und leerstehende Gebäude im Ort wieder nutzbar machen, "
    "damit junge Familien und ältere Menschen im Ortskern wohnen können und weniger neue Flächen am Ortsrand "
    "versiegelt werden.\n\n"
    "Nach unseren Unterlagen sind Sie Eigentümer/in des Grundstücks {parcel} ({location}). "
    "Wir würden gerne erfahren, ob Sie sich vorstellen können, das Grundstück zu verkaufen oder selbst zu "
    "bebauen, und unter welchen Bedingungen. Ihre Angaben sind freiwillig und werden nur in der "
    "Gemeindeverwaltung verwendet.\n\n"
    "Bitte antworten Sie uns mit dem beiliegenden Antwortbogen oder rufen Sie uns an.\n\n"
    "Mit freundlichen Grüßen\nIhre Gemeindeverwaltung {municipality}"
)


def check_template(text: str) -> None:
    try:
        fields = [f for _lit, f, spec, conv in string.Formatter().parse(text) if f is not None]
    except ValueError:
        raise ValidationError(_("The letter text has an unmatched brace { or }."))
    unknown = sorted({f for f in fields if f not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Unknown placeholder(s): %(names)s. Allowed: %(allowed)s")
            % {"names": ", ".join("{" + u + "}" for u in unknown), "allowed": ", ".join(PLACEHOLDERS)}
        )


def values_for(owner, site) -> dict:
    return {
        "name": owner.name,
        "street": owner.street,
        "postcode": owner.postcode,
        "city": owner.city,
        "site": site.name,
        "parcel": site.parcel or site.name,
        "location": site.address or "",
        "municipality": site.owner.name,
    }


def merge(text: str, values: dict) -> str:
    check_template(text)
    return text.format_map({k: values.get(k, "") for k in PLACEHOLDERS})


def letters_docx(text: str, site, owners) -> bytes:
    from docx import Document
    from docx.enum.text import WD_BREAK

    doc = Document()
    for i, owner in enumerate(owners):
        values = values_for(owner, site)
        address = doc.add_paragraph()
        address.add_run(
            "\n".join(x for x in [owner.name, owner.street, f"{owner.postcode} {owner.city}".strip()] if x)
        )
        for para in merge(text, values).split("\n\n"):
            doc.add_paragraph(para)
        if i < len(owners) - 1:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def letters_pdf(text: str, site, owners) -> bytes:
    from weasyprint import HTML

    letters = [{"owner": o, "paragraphs": merge(text, values_for(o, site)).split("\n\n")} for o in owners]
    html = render_to_string("planning/letters_pdf.html", {"letters": letters, "site": site})
    return HTML(string=html).write_pdf()
