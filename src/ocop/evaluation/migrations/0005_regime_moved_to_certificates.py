"""The Regime model now lives in certificates (certificates 0003): state only, the table stays."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0003_regime"),
        ("evaluation", "0004_alter_councilsession_discrepancy_points_and_more"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="criteriaversion",
                    name="regime",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="criteria_versions",
                        to="certificates.regime",
                    ),
                ),
                migrations.DeleteModel(name="Regime"),
            ],
            database_operations=[],
        ),
    ]
