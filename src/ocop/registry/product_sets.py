"""The 26 product sets of QĐ 26/2026/QĐ-TTg Annex I, read from the packaged criteria file."""

import json
from pathlib import Path
from typing import Any

CRITERIA_FILE = Path(__file__).resolve().parent.parent / "data" / "criteria" / "qd-26-2026.json"


def classification_rows() -> list[dict[str, Any]]:
    data = json.loads(CRITERIA_FILE.read_text(encoding="utf-8"))
    rows = []
    for sector in data["classification"]:
        for group in sector["groups"]:
            for product_set in group["sets"]:
                rows.append(
                    {
                        "number": product_set["number"],
                        "code": product_set["code"],
                        "name": product_set["name"],
                        "group_code": group["code"],
                        "group_name": group["name"],
                        "sector_code": sector["code"],
                        "sector_name": sector["name"],
                        "managing_agency": product_set["managing_agency"] or "",
                    }
                )
    return rows


def sync_product_sets(model: Any) -> int:
    for row in classification_rows():
        model.objects.update_or_create(number=row["number"], defaults=row)
    return model.objects.count()
