"""Load a criteria file (schema_version 1, see src/ocop/data/criteria/README.md) as a criteria version.

Idempotent: the same file again changes nothing. A changed file replaces a version only while that
version is not in use; once a scoresheet has used it, it is immutable and a change is refused. A file
with an irregular printing that no recorded reading covers (docs/scoring.md) is refused: it could not
be scored.
"""

import hashlib
import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ocop.core.types import RequestUser
from ocop.evaluation.scoring import SheetTemplate
from ocop.evaluation.scoring.readings import UnreadPrinting, packaged_readings

SUPPORTED_SCHEMA = 1


def read_criteria_file(path: Path) -> tuple[dict[str, Any], str]:
    raw = path.read_bytes()
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValidationError(f"{path.name} is not valid JSON: {error}") from None
    return data, hashlib.sha256(raw).hexdigest()


def check_structure(data: Any) -> None:
    if not isinstance(data, dict):
        raise ValidationError("The criteria file must be a JSON object.")
    if data.get("schema_version") != SUPPORTED_SCHEMA:
        raise ValidationError(
            f"Unsupported schema_version {data.get('schema_version')!r}; expected {SUPPORTED_SCHEMA}."
        )
    missing = [key for key in ("document", "star_bands", "scoresheets") if key not in data]
    if missing:
        raise ValidationError(f"The criteria file lacks: {', '.join(missing)}.")
    numbers = sorted(sheet.get("set_number") for sheet in data["scoresheets"])
    if numbers != list(range(1, 27)):
        raise ValidationError("The criteria file must hold the 26 scoresheets, one per product set.")
    check_readings(data)


def check_readings(data: dict[str, Any]) -> None:
    """Every sheet builds with the decision's recorded readings; else every unread printing is listed."""
    readings = packaged_readings(data["document"]["number"])
    problems = []
    for sheet in data["scoresheets"]:
        try:
            # Only the printing is checked here: no result is computed, so no regime's levels are needed.
            SheetTemplate.from_json(
                sheet, data["star_bands"], readings, data.get("extraction_warnings", []), deciding_levels={}
            )
        except UnreadPrinting as error:
            problems += error.problems
    if problems:
        raise ValidationError(
            "Irregular printings without a recorded reading (add them to the decision's .readings.json): "
            + "; ".join(problems)
        )


@transaction.atomic
def load_criteria(data: dict[str, Any], sha256: str, models: Any, user: RequestUser | None = None) -> tuple[Any, str]:
    """Returns (version, "created" | "updated" | "unchanged"). `models` gives Regime, CriteriaVersion,
    CriteriaSheet (real or historical models)."""
    check_structure(data)
    number = data["document"]["number"]
    regime = models.Regime.objects.filter(document_number=number).first()
    if regime is None:
        raise ValidationError(f"No regime is defined for decision {number}; add it to evaluation/regimes.py.")
    key = f"{number}#schema{data['schema_version']}"
    version = models.CriteriaVersion.objects.filter(key=key).first()
    if version is not None and version.sha256 == sha256:
        return version, "unchanged"
    if version is not None and version.in_use:
        raise ValidationError(
            f"Criteria version {key} is in use and cannot change; load the new text as a new version."
        )
    status = "updated" if version else "created"
    fields = {
        "regime": regime,
        "schema_version": data["schema_version"],
        "sha256": sha256,
        "document": data["document"],
        "star_bands": [{"stars": b["stars"], "min": b["min"], "below": b["below"]} for b in data["star_bands"]],
        "warnings": data.get("extraction_warnings", []),
        "loaded_by": user,
    }
    version, _created = models.CriteriaVersion.objects.update_or_create(key=key, defaults=fields)
    version.sheets.all().delete()
    models.CriteriaSheet.objects.bulk_create(
        [models.CriteriaSheet(version=version, product_set_id=s["set_number"], data=s) for s in data["scoresheets"]]
    )
    return version, status
