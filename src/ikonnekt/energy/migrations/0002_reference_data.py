from django.db import migrations


def forwards(apps, schema_editor):
    from ikonnekt.energy.reference_data import load

    load(
        apps.get_model("energy", "ReferenceValue"),
        apps.get_model("energy", "EmissionFactorSet"),
        apps.get_model("energy", "EmissionFactor"),
    )


class Migration(migrations.Migration):
    dependencies = [("energy", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
