"""Loads the 26 product sets (QĐ 26/2026/QĐ-TTg Annex I) from the packaged criteria file."""

from django.db import migrations


def load(apps, schema_editor):
    from ocop.registry.product_sets import sync_product_sets

    sync_product_sets(apps.get_model("registry", "ProductSet"))


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
