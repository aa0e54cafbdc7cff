"""Disqualifications of one sheet: those the answers themselves show (the catalogue's `automatic` conditions,
applied whatever the member lists) and those the member states (a "Hồ sơ bị loại khi" paragraph, or a
criterion whose note disqualifies). See docs/scoring.md for the catalogue and our judgement of each.
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from ocop.evaluation.scoring.readings import Citation, Condition, localised
from ocop.evaluation.scoring.sheet import SheetTemplate


@dataclass
class Disqualification:
    automatic: bool
    condition: str  # the catalogue's id for an automatic one; "paragraph" or "criterion" for the member's own
    reason: str  # the law's words with their citation, and (automatic) what in the answers shows it


@dataclass(frozen=True)
class Answer:
    code: str
    option: int | None  # None when a council's members chose different options
    option_text: str
    points: Decimal | Fraction


def listed(sheet: SheetTemplate, paragraphs: tuple[int, ...], criteria: tuple[str, ...]) -> list[Disqualification]:
    """What the member states; the reasons keep the wording results have always had (the law's text)."""
    found = [Disqualification(False, "paragraph", sheet.disqualifiers[p - 1]) for p in paragraphs]
    found += [
        Disqualification(False, "criterion", f"{code}: {note}")
        for code in criteria
        for note in sheet.by_code[code].disqualifying_notes
    ]
    return found


def automatic(sheet: SheetTemplate, answers: list[Answer]) -> list[Disqualification]:
    by_code = {a.code: a for a in answers}
    found = []
    for condition in sheet.automatic:
        finding = _finding(condition, by_code)
        if finding:
            citations = "; ".join(cite(c) for c in condition.cites(sheet.set_number))
            reason = _("%(citations)s — applied automatically: %(finding)s") % {
                "citations": citations,
                "finding": finding,
            }
            found.append(Disqualification(True, condition.id, reason))
    return found


def _finding(condition: Condition, answers: dict[str, Answer]) -> str:
    rule = condition.rule
    assert rule is not None  # only automatic conditions are found in the answers
    if rule.kind == "any_zero":
        zeros = [code for code in rule.criteria if answers[code].points == 0]
        return ", ".join(_("%(code)s scored 0") % {"code": code} for code in zeros)
    answer = answers[rule.criteria[0]]
    if answer.option in rule.options:
        return _("option %(option)s of %(code)s chosen, “%(text)s”") % {
            "option": answer.option,
            "code": answer.code,
            "text": answer.option_text,
        }
    return ""


def cite(citation: Citation) -> str:
    """Where the law says it, and its exact words."""
    where = (citation.location or "").replace(" > ", " › ")
    values = {"set": citation.set_number, "where": where, "option": citation.option, "text": citation.text}
    if citation.source == "paragraph":
        return _("set %(set)s, disqualification paragraph: “%(text)s”") % values
    if citation.source == "option":
        return _("set %(set)s, %(where)s, option %(option)s: “%(text)s”") % values
    return _("set %(set)s, %(where)s, note: “%(text)s”") % values


def catalogue(sheet: SheetTemplate) -> list[dict[str, object]]:
    """The sheet's catalogued conditions for display: effect, our judgement, and the law's words cited."""
    effects = {
        "automatic": _("Applied automatically from the answers"),
        "assessor": _("Stated by the council member"),
        "none": _("Considered: not a disqualification"),
    }
    return [
        {
            "id": condition.id,
            "effect": condition.effect,
            "effect_label": effects[condition.effect],
            "judgement": localised(condition.judgement),
            "citations": [cite(c) for c in condition.cites(sheet.set_number)],
        }
        for condition in sheet.conditions
    ]
