"""Reference data: the AVV code list (see data/avv.csv for its source) and the label catalogue."""

from django.db import migrations

LABELS = [
    ("bioland", "Bioland", "Bioland e.V.", "https://www.bioland.de", "Ökologischer Landbau nach Bioland-Richtlinien."),
    ("demeter", "Demeter", "Demeter e.V.", "https://www.demeter.de", "Biodynamische Landwirtschaft."),
    ("naturland", "Naturland", "Naturland e.V.", "https://www.naturland.de", "Ökologischer Landbau nach Naturland-Richtlinien."),
    ("eu-bio", "EU-Bio-Logo", "Europäische Union (VO (EU) 2018/848)", "https://agriculture.ec.europa.eu", "Ökologische Erzeugung nach EU-Öko-Verordnung."),
    ("fairtrade", "Fairtrade", "Fairtrade Deutschland e.V.", "https://www.fairtrade-deutschland.de", "Fairer Handel."),
    ("ebbes-von-hei", "Ebbes von Hei!", "Landkreis Saarlouis / Regionalinitiative", "", "Regionales Herkunftszeichen für Produkte aus der Region."),
    ("regionalfenster", "Regionalfenster", "Regionalfenster e.V.", "https://www.regionalfenster.de", "Transparente Kennzeichnung regionaler Herkunft."),
]


def forwards(apps, schema_editor):
    from ikonnekt.market.wastecodes import load_codes

    load_codes(apps.get_model("market", "WasteCode"))
    Label = apps.get_model("market", "Label")
    for slug, name, issuer, url, description in LABELS:
        Label.objects.update_or_create(slug=slug, defaults={"name": name, "issuer": issuer, "url": url, "description": description})


class Migration(migrations.Migration):
    dependencies = [("market", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
