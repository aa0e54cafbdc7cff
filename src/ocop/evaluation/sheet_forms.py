"""The scoresheet as an HTML form, shared by the producer's self-assessment and a member's scoring:
one radio group per criterion (`c-<code>` = option position), and a case choice for two-case criteria."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _

from ocop.evaluation.scoring import SheetTemplate


def answers_from_post(sheet: SheetTemplate, data: Any) -> dict[str, Any]:
    """Read the posted choices; an unanswered criterion is left out, a non-number is an error."""
    answers: dict[str, Any] = {}
    problems = []
    for criterion in sheet.criteria:
        raw = data.get(f"c-{criterion.code}", "")
        if not raw:
            continue
        case, _sep, option = raw.rpartition(":") if criterion.cases else ("", "", raw)
        if not option.isdecimal() or not option.isascii():
            problems.append(_("%(code)s: choose one of the options") % {"code": criterion.code})
            continue
        answers[criterion.code] = {"case": case, "option": int(option)} if criterion.cases else int(option)
    if problems:
        raise forms.ValidationError(problems)
    return answers


def rows(sheet: SheetTemplate, answers: dict[str, Any]) -> list[dict[str, Any]]:
    """What the template needs per part → section → criterion → option, with the current choice marked."""

    def chosen(code: str) -> str:
        value = answers.get(code)
        if isinstance(value, dict):
            return f"{value.get('case')}:{value.get('option')}"
        return "" if value is None else str(value)

    return [
        {
            "part": part,
            "sections": [
                {
                    "section": section,
                    "criteria": [
                        {
                            "criterion": c,
                            "chosen": chosen(c.code),
                            "options": [
                                {"option": o, "value": f"{o.case}:{o.position}" if o.case else str(o.position)}
                                for o in c.options
                            ],
                        }
                        for c in section.criteria
                    ],
                }
                for section in part.sections
            ],
        }
        for part in sheet.parts
    ]
