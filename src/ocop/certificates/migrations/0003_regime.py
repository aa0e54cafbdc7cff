"""The Regime model moves from evaluation to certificates (evaluation sits above certificates): state only.

The table keeps its name (`evaluation_regime`, the model's db_table), so no row moves and no schema changes;
the content type is renamed so permissions and change-log rows follow the model. evaluation 0005 drops the old
model from evaluation's state.
"""

import django.db.models.deletion
from django.db import migrations, models


def rename_content_type(apps, schema_editor, old: str = "evaluation", new: str = "certificates") -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="regime").exists():
        ContentType.objects.filter(app_label=old, model="regime").update(app_label=new)


def rename_content_type_back(apps, schema_editor) -> None:
    rename_content_type(apps, schema_editor, old="certificates", new="evaluation")


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0002_reminder"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Regime",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                        ),
                        ("code", models.SlugField(max_length=20, unique=True, verbose_name="code")),
                        (
                            "document_number",
                            models.CharField(max_length=40, unique=True, verbose_name="decision number"),
                        ),
                        ("title", models.CharField(max_length=255, verbose_name="title")),
                        ("issued_on", models.DateField(verbose_name="issued on")),
                        ("effective_from", models.DateField(verbose_name="in force from")),
                        ("effective_until", models.DateField(blank=True, null=True, verbose_name="in force until")),
                        (
                            "part_weights",
                            models.JSONField(
                                help_text='Maximum points per part, e.g. {"A": 40, "B": 25, "C": 35}.',
                                verbose_name="part weights",
                            ),
                        ),
                        (
                            "star_bands",
                            models.JSONField(
                                help_text="[{stars, min, below}] from the lowest band up.", verbose_name="star bands"
                            ),
                        ),
                        (
                            "deciding_levels",
                            models.JSONField(
                                help_text='Who recognises each star level, e.g. {"3": "province", "5": "central"}.',
                                verbose_name="deciding levels",
                            ),
                        ),
                        ("notes", models.TextField(blank=True, verbose_name="notes")),
                    ],
                    options={
                        "verbose_name": "regime",
                        "verbose_name_plural": "regimes",
                        "db_table": "evaluation_regime",
                        "ordering": ["effective_from"],
                    },
                ),
                migrations.AlterField(
                    model_name="certificate",
                    name="regime",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, to="certificates.regime", verbose_name="regime"
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_type, rename_content_type_back),
    ]
