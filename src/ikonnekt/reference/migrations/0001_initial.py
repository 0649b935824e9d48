"""Take over the emission factor tables from the energy app (state only: the tables and their rows
stay where they are, under their energy_* names)."""

import django.db.models.deletion
from django.db import migrations, models

CARRIERS = [
    ("electricity", "Electricity"),
    ("natural_gas", "Natural gas"),
    ("heating_oil", "Heating oil"),
    ("district_heat", "District heat"),
    ("wood_chips", "Wood chips"),
    ("wood_pellets", "Wood pellets"),
    ("water", "Water"),
    ("pv_generation", "PV generation"),
    ("pv_feed_in", "PV feed-in"),
]


class Migration(migrations.Migration):
    initial = True
    dependencies = [("energy", "0004_vdi2067_cost_lines")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="EmissionFactorSet",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=200, verbose_name="name")),
                        (
                            "method",
                            models.CharField(
                                choices=[("bisko", "BISKO (LCA, with upstream chains)"), ("direct", "Direct combustion only")],
                                max_length=10,
                                verbose_name="method",
                            ),
                        ),
                        ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                        ("source", models.CharField(max_length=400, verbose_name="source")),
                    ],
                    options={
                        "db_table": "energy_emissionfactorset",
                        "verbose_name": "emission factor set",
                        "verbose_name_plural": "emission factor sets",
                        "ordering": ["method", "-year"],
                        "constraints": [models.UniqueConstraint(fields=("method", "year"), name="energy_factor_set_unique")],
                    },
                ),
                migrations.CreateModel(
                    name="EmissionFactor",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("carrier", models.CharField(choices=CARRIERS, max_length=20, verbose_name="energy carrier")),
                        ("grams_per_kwh", models.FloatField(verbose_name="g CO2e per kWh (Hi)")),
                        (
                            "factor_set",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="entries",
                                to="reference.emissionfactorset",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "energy_emissionfactor",
                        "constraints": [models.UniqueConstraint(fields=("factor_set", "carrier"), name="energy_factor_unique")],
                    },
                ),
            ],
            database_operations=[],
        )
    ]
