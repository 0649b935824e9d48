from django.db import migrations


def load_sourced_factors(apps, schema_editor):
    from ikonnekt.reference.factor_data import load

    load(apps.get_model("reference", "EmissionFactorSet"), apps.get_model("reference", "EmissionFactor"))


class Migration(migrations.Migration):
    """BISKO electricity 2020/2022/2024 from UBA Climate Change 16/2026 (table 2, with upstream chains),
    BISKO district heat from the BAFA information sheet; PV and the 2030–2040 path stay assumptions."""

    dependencies = [
        ("reference", "0005_factor_sources_checked"),
    ]

    operations = [
        migrations.RunPython(load_sourced_factors, migrations.RunPython.noop),
    ]
