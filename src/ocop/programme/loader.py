"""Plans shipped as data (programme/data/*.json), loaded by `ocop plans load`: idempotent, by slug."""

import datetime
import json
from pathlib import Path
from typing import Any

from django.db import transaction

from ocop.places.models import Unit
from ocop.programme.models import Plan, Solution, Target

DATA = Path(__file__).resolve().parent / "data"


def shipped_plans() -> list[Path]:
    return sorted(DATA.glob("*.json"))


@transaction.atomic
def load_plan(path: Path) -> Plan:
    spec: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    province = Unit.objects.get(map=spec["province"]["map"], code=spec["province"]["code"])
    day = lambda text: datetime.date.fromisoformat(text) if text else None  # noqa: E731
    plan = Plan.objects.filter(slug=spec["slug"]).first() or Plan(slug=spec["slug"])
    plan.name, plan.province, plan.map = spec["name"], province, spec["map"]
    plan.document_number, plan.document_date = spec.get("document_number", ""), day(spec.get("document_date"))
    plan.starts_on, plan.ends_on = day(spec["starts_on"]), day(spec["ends_on"])  # type: ignore[assignment]  # full_clean refuses None
    plan.description = spec.get("description", "")
    plan.full_clean()
    plan.save()
    for item in spec["targets"]:
        target = Target.objects.filter(plan=plan, indicator=item["indicator"], unit=None).first()
        target = target or Target(plan=plan, indicator=item["indicator"])
        target.comparison, target.value = item["comparison"], item["value"]
        target.full_clean()
        target.save()
    for item in spec["solutions"]:
        solution = Solution.objects.filter(plan=plan, number=item["number"]).first()
        solution = solution or Solution(plan=plan, number=item["number"])
        solution.title = item["title"]
        solution.full_clean()
        solution.save()
    return plan
