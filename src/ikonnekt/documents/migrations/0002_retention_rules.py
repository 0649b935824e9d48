from django.db import migrations

RULES = [
    ("kurz-5", "Allgemeiner Schriftverkehr", 5, "file_closed", "V"),
    ("rechnung-10", "Rechnungen und Buchungsbelege (§ 147 AO)", 10, "document_date", "V"),
    ("vertrag-10", "Verträge und Vereinbarungen", 10, "file_closed", "B"),
    ("protokoll-30", "Sitzungsniederschriften und Beschlüsse", 30, "file_closed", "A"),
    ("plan-30", "Pläne und Planungsunterlagen", 30, "file_closed", "A"),
    ("bericht-10", "Berichte und Gutachten", 10, "file_closed", "B"),
]


def forward(apps, schema_editor):
    RetentionRule = apps.get_model("documents", "RetentionRule")
    for code, name, years, trigger, disposal in RULES:
        RetentionRule.objects.update_or_create(
            code=code, defaults={"name": name, "years": years, "trigger": trigger, "disposal": disposal}
        )


def backward(apps, schema_editor):
    apps.get_model("documents", "RetentionRule").objects.filter(code__in=[r[0] for r in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
