"""Loads the four regimes and the packaged QĐ 26/2026 criteria (later files: `ocop criteria load FILE`)."""

from types import SimpleNamespace

from django.db import migrations


def load(apps, schema_editor):
    from ocop.evaluation.loader import load_criteria, read_criteria_file
    from ocop.evaluation.regimes import sync_regimes
    from ocop.registry.product_sets import CRITERIA_FILE

    models = SimpleNamespace(
        Regime=apps.get_model("evaluation", "Regime"),
        CriteriaVersion=apps.get_model("evaluation", "CriteriaVersion"),
        CriteriaSheet=apps.get_model("evaluation", "CriteriaSheet"),
    )
    sync_regimes(models.Regime)
    load_criteria(*read_criteria_file(CRITERIA_FILE), models)


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial"), ("registry", "0002_load_product_sets")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
