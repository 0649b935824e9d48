"""Ship the 17 Sustainable Development Goals as reference rows (titles and colours live in
``reference.sdg``, so they stay translatable)."""

from django.db import migrations


def create_sdgs(apps, schema_editor):
    Sdg = apps.get_model("knowledge", "Sdg")
    for number in range(1, 18):
        Sdg.objects.get_or_create(number=number)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(create_sdgs, migrations.RunPython.noop)]
