"""Plans and their indicators over the API (DOMAIN.md §5): per unit and date, with value, target and status."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from ocop.core.api import FilterError, answers
from ocop.places.api import UnitRef, ref
from ocop.programme import disclosure
from ocop.programme.indicators.engine import PlanIndicators
from ocop.programme.params import read_day, read_unit
from ocop.programme.queries import plans_for

router = Router()


class PlanOut(Schema):
    slug: str
    name: str
    document_number: str
    document_date: datetime.date | None
    province: UnitRef
    map: str
    starts_on: datetime.date
    ends_on: datetime.date


class IndicatorOut(Schema):
    code: str
    number: int
    name: str
    kind: str
    numerator: float | None
    denominator: float | None
    value: float | None
    target: Decimal | None
    comparison: str
    status: str
    projection: float | None
    not_stated: float | None = Field(
        description="Women- and minority-led: producers in the denominator whose representative's gender or "
        "ethnicity is not stated (never in the numerator); null for the other indicators"
    )
    suppressed: bool = Field(
        description="Withheld from you: a figure computed from personal data (a representative's gender or "
        f"ethnicity) over fewer than {disclosure.K} producers counted or not counted, which you may not read for "
        "this unit; numerator, value, not_stated and projection are then null"
    )
    as_of: datetime.date


class IndicatorsOut(Schema):
    plan: str
    unit: UnitRef
    as_of: datetime.date
    indicators: list[IndicatorOut]


def plan_out(plan: object) -> dict:
    fields = {name: getattr(plan, name) for name in PlanOut.model_fields if name != "province"}
    return {**fields, "province": ref(plan.province)}


@router.get("", response=answers(list[PlanOut], 400, 401, 429), summary="Plans you can see")
def list_plans(request: HttpRequest) -> list[dict]:
    return [plan_out(plan) for plan in plans_for(request.user)]


@router.get(
    "{slug}/indicators",
    response=answers(IndicatorsOut, 400, 401, 404, 429),
    summary="The 15 indicators for a unit and a date",
)
def indicators(request: HttpRequest, slug: str, unit: str = "", date: str = "") -> dict:
    """`unit`: a code of the plan's map (default: the plan's province, or your own unit); `date`: YYYY-MM-DD
    (default: today, or the deadline if it has passed). A share with an empty denominator is `null` with status
    `no_data`, never 0; a count with nothing to count is 0."""
    plan = get_object_or_404(plans_for(request.user), slug=slug)
    try:
        chosen, day = read_unit(plan, request.user, unit), read_day(plan, date)
    except ValidationError as error:
        raise FilterError({k: " ".join(v) for k, v in error.message_dict.items()}) from None
    engine = PlanIndicators(plan)
    results = disclosure.protect(request.user, engine, engine.results(chosen, day, trend=True))
    return {
        "plan": plan.slug,
        "unit": ref(chosen),
        "as_of": day,
        "indicators": [
            {
                "code": r.code, "number": r.indicator.number, "name": str(r.indicator.name), "kind": r.indicator.kind,
                "numerator": r.numerator, "denominator": r.denominator, "value": r.value, "target": r.target,
                "comparison": r.comparison, "status": str(r.status), "projection": r.projection,
                "not_stated": r.not_stated, "suppressed": r.suppressed, "as_of": r.as_of,
            }
            for r in results
        ],
    }  # fmt: skip
