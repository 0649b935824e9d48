"""Issue #19: the advice requests live on as knowledge questions; knowledge 0005 copies them (with
their answers) before this migration drops the tables."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("administration", "0003_usage_counts_bookings"),
        ("knowledge", "0005_copy_advice_requests"),
    ]

    operations = [
        migrations.DeleteModel(name="AdviceAnswer"),
        migrations.DeleteModel(name="AdviceRequest"),
    ]
