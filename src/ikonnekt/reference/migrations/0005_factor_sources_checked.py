from django.db import migrations


def load_sourced_factors(apps, schema_editor):
    from ikonnekt.reference.factor_data import load

    load(apps.get_model("reference", "EmissionFactorSet"), apps.get_model("reference", "EmissionFactor"))


class Migration(migrations.Migration):
    """Every shipped factor names its own source (GEMIS process, GEG row, or 'Projektannahme ...')."""

    dependencies = [
        ("reference", "0004_geg_factor_set"),
    ]

    operations = [
        migrations.RunPython(load_sourced_factors, migrations.RunPython.noop),
    ]
