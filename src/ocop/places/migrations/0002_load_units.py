"""Loads both administrative maps from the vietnam-provinces package (re-run later with `ocop units sync`)."""

from django.db import migrations


def load(apps, schema_editor):
    from ocop.places.sync import sync_units

    sync_units(apps.get_model("places", "Unit"), apps.get_model("places", "Succession"))


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
