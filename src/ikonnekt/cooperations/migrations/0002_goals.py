from django.db import migrations

GOALS = ["administration", "resources", "knowledge", "data", "planning", "economy"]


def create_goals(apps, schema_editor):
    Goal = apps.get_model("cooperations", "Goal")
    for order, key in enumerate(GOALS, start=1):
        Goal.objects.update_or_create(key=key, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("cooperations", "0001_initial")]
    operations = [migrations.RunPython(create_goals, migrations.RunPython.noop)]
