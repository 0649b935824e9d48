"""The emission factor sets now belong to the reference app (state only; no table changes)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("energy", "0004_vdi2067_cost_lines"), ("reference", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="energyreport",
                    name="factor_set",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="reference.emissionfactorset",
                        verbose_name="emission factor set",
                    ),
                ),
                migrations.AlterField(
                    model_name="quarter",
                    name="factor_set",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="reference.emissionfactorset",
                        verbose_name="emission factor set",
                    ),
                ),
                migrations.DeleteModel(name="EmissionFactor"),
                migrations.DeleteModel(name="EmissionFactorSet"),
            ],
            database_operations=[],
        )
    ]
