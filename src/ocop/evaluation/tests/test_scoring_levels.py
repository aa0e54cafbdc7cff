"""What is certifiable and what goes to the central council is read from the regime's deciding levels, not
restated in the engine: the same answers under other levels give other results. Pure Python: no database."""

import dataclasses

from ocop.certificates.levels import Levels
from ocop.evaluation.models import Regime
from ocop.evaluation.regimes import REGIMES
from ocop.evaluation.scoring import evaluate_council, evaluate_sheet
from ocop.evaluation.scoring.engine import Choice
from ocop.evaluation.tests.engine_kit import pick, sheet_for


def under(levels: dict[str, str], number: int = 7):
    return dataclasses.replace(sheet_for(number), levels=Levels.from_json(levels))


def test_the_sheet_carries_the_regimes_levels():
    qd26 = next(r for r in REGIMES if r["code"] == "qd-26-2026")["deciding_levels"]
    levels = sheet_for(7).levels
    assert levels == Levels.from_json(qd26) == Regime(deciding_levels=qd26).levels()
    assert (levels.lowest, levels.highest_local, levels.lowest_central) == (3, 4, 5)
    assert [levels.level_of(s) for s in range(1, 6)] == [None, None, "province", "province", "central"]


def test_a_level_the_regime_does_not_certify_is_not_certifiable():
    sheet = under({"3": "province", "4": "province"})
    result = evaluate_sheet(sheet, pick(sheet, "best"))
    assert result.stars == 5 and not result.certifiable
    council = evaluate_council(sheet, [pick(sheet, "best")] * 2)
    assert council.stars == 5 and not council.certifiable and not council.propose_to_central_council


def test_the_levels_the_centre_decides_are_proposed_to_it():
    """A council at 4★ (one member misses a 5★ marker): proposed to the centre only where the centre decides 4★."""
    sheet = under({"3": "province", "4": "central", "5": "central"})
    criterion = next(c for c in sheet.criteria if any(o.min_star == 5 for o in c.options))
    marked = next(o for o in criterion.options if o.min_star == 5)
    lower = max((o for o in criterion.options if o.points < marked.points), key=lambda o: o.points)
    best = pick(sheet, "best")
    sheets = [best, best, pick(sheet, "best", **{criterion.code: Choice(lower.position)})]
    council = evaluate_council(sheet, sheets)
    assert council.stars == 4 and council.certifiable and council.propose_to_central_council
    assert not evaluate_council(sheet_for(7), sheets).propose_to_central_council  # QĐ 26: the province's
