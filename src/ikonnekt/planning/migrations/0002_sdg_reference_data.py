"""Ship the 17 SDGs and their 169 targets (reference data with source)."""

from django.db import migrations


def load(apps, schema_editor):
    from ikonnekt.planning import sdg_data

    SDG = apps.get_model("planning", "SDG")
    SDGTarget = apps.get_model("planning", "SDGTarget")
    goals = {}
    for number, de, en, _n, _l in sdg_data.GOALS:
        goals[number], _ = SDG.objects.update_or_create(number=number, defaults={"title_de": de, "title_en": en})
    for number, code, order, title in sdg_data.targets():
        SDGTarget.objects.update_or_create(
            code=code,
            defaults={
                "sdg": goals[number],
                "order": order,
                "title": title,
                "source": f"{sdg_data.SOURCE}#{code}",
            },
        )


def unload(apps, schema_editor):
    apps.get_model("planning", "SDG").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
