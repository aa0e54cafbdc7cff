"""The scoring engine on the real QĐ 26/2026 scoresheets: every product set, every marker case,
disqualifiers, council averaging and discrepancy flags. Pure Python: no database."""

import json
from decimal import ROUND_DOWN, Decimal

import pytest
from django.utils import translation

from ocop.evaluation.scoring import (
    ScoringInputError,
    SheetInput,
    evaluate_council,
    evaluate_sheet,
    parse_sheet_input,
)
from ocop.evaluation.scoring.engine import Choice
from ocop.evaluation.tests.engine_kit import SETS, pick, sheet_for


@pytest.fixture(autouse=True)
def english():
    """Messages are matched in English here; the Vietnamese catalogue is checked elsewhere."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize("number", SETS)
def test_the_best_options_of_every_set_score_100_and_five_stars(number):
    sheet = sheet_for(number)
    result = evaluate_sheet(sheet, pick(sheet, "best"))
    assert result.total == 100
    assert [p.points for p in result.parts] == [p.max_points for p in sheet.parts]
    assert (result.band_stars, result.stars, result.unmet_markers) == (5, 5, [])
    assert result.certifiable and not result.disqualified


@pytest.mark.parametrize("number", SETS)
def test_the_worst_options_of_every_set_are_not_certifiable_and_list_every_unmet_marker(number):
    sheet = sheet_for(number)
    result = evaluate_sheet(sheet, pick(sheet, "worst"))
    assert result.total < 50 and result.stars <= 2 and not result.certifiable  # set 26 has no 0-point options
    worst = {s.code: s.points for s in result.criteria}
    missed = [
        (c.code, o.min_star)
        for c in sheet.criteria
        for o in c.options_of(c.cases[0][0] if c.cases else None)
        if o.min_star and o.points > worst[c.code]
    ]
    assert sorted((m.criterion, m.stars) for m in result.unmet_markers) == sorted(missed)
    for part in result.parts:
        assert part.points == sum(s.points for s in part.sections)


def marked_cases() -> list[tuple[int, int]]:
    """(set, level) for every star level that some criterion of the set marks (all 26 sets)."""
    cases = []
    for number in SETS:
        sheet = sheet_for(number)
        for level in (3, 4, 5):
            if any(
                o.min_star == level and min(x.points for x in c.options) < o.points
                for c in sheet.criteria
                for o in c.options
            ):
                cases.append((number, level))
    return cases


@pytest.mark.parametrize(("number", "level"), marked_cases())
def test_a_high_score_is_capped_by_a_missing_marked_option(number, level):
    """Best everywhere except one criterion whose option marked for `level` is missed."""
    sheet = sheet_for(number)
    target = next(
        (c, o)
        for c in sheet.criteria
        for o in c.options
        if o.min_star == level and min(x.points for x in c.options) < o.points
    )
    criterion, marked = target
    below = max((o for o in criterion.options_of(marked.case) if o.points < marked.points), key=lambda o: o.points)
    result = evaluate_sheet(sheet, pick(sheet, "best", **{criterion.code: Choice(below.position, marked.case)}))
    missed_levels = [o.min_star for o in criterion.options_of(marked.case) if o.min_star and o.points > below.points]
    assert level in missed_levels
    assert result.total >= 100 - criterion.max_points
    assert result.stars == min(result.band_stars, min(missed_levels) - 1)
    assert result.stars < 5
    assert {(m.criterion, m.stars) for m in result.unmet_markers} == {(criterion.code, s) for s in missed_levels}


def test_an_option_scoring_as_much_as_the_marked_one_satisfies_it():
    sheet = sheet_for(1)
    result = evaluate_sheet(sheet, pick(sheet, "best"))
    assert all(score.points >= 0 for score in result.criteria) and result.stars == 5


def test_set_26_two_case_criteria_need_a_case_and_score_within_it():
    sheet = sheet_for(26)
    cased = [c for c in sheet.criteria if c.cases]
    assert [c.code for c in cased] == ["8", "9", "15"]
    best_b = {c.code: Choice(max(c.options_of("b"), key=lambda o: o.points).position, "b") for c in cased}
    assert evaluate_sheet(sheet, pick(sheet, "best", **best_b)).total == 100
    with pytest.raises(ScoringInputError) as error:
        evaluate_sheet(sheet, pick(sheet, "best", **{"8": Choice(1)}))
    assert "8" in str(error.value) and "case" in str(error.value)
    with pytest.raises(ScoringInputError):
        evaluate_sheet(sheet, pick(sheet, "best", **{"8": Choice(1, "z")}))


def test_bad_inputs_are_all_reported_at_once():
    sheet = sheet_for(7)
    given = pick(sheet, "best")
    choices = dict(given.choices)
    del choices["1.1"]
    choices["99.9"] = Choice(1)
    choices["1.2"] = Choice(42)
    choices["2.1"] = Choice(1, "a")
    with pytest.raises(ScoringInputError) as error:
        evaluate_sheet(sheet, SheetInput(choices, disqualifiers=(5,), disqualified_criteria=("1.2",)))
    problems = error.value.problems
    assert "missing" in problems["sheet › 1.1"]
    assert "not a criterion of product set 7" in problems["sheet › 99.9"]
    assert "option 42 does not exist" in problems["sheet › 1.2"]
    assert "no cases" in problems["sheet › 2.1"]
    assert "sheet › disqualifiers" in problems
    assert "sheet › disqualified_criteria › 1.2" in problems


def test_json_input_is_parsed_and_checked():
    parsed = parse_sheet_input({"member": "A", "choices": {"1.1": 2, "8": {"case": "a", "option": 1}}})
    assert parsed.choices == {"1.1": Choice(2), "8": Choice(1, "a")}
    for bad in (None, [], {"choices": []}, {"choices": {"1.1": "two"}}, {"choices": {"1.1": True}}):
        with pytest.raises(ScoringInputError):
            parse_sheet_input(bad)


def test_a_disqualified_dossier_fails_whatever_its_score():
    sheet = sheet_for(1)
    best = pick(sheet, "best")
    result = evaluate_sheet(sheet, SheetInput(best.choices, disqualifiers=(1,)))
    assert result.total == 100 and result.disqualified and not result.certifiable
    assert result.disqualification_reasons[0].startswith("Hồ sơ bị loại khi")
    noted = next(c for c in sheet_for(11).criteria if c.disqualifying_notes)
    result = evaluate_sheet(
        sheet_for(11), SheetInput(pick(sheet_for(11), "best").choices, disqualified_criteria=(noted.code,))
    )
    assert result.disqualified and noted.code in result.disqualification_reasons[0]


@pytest.mark.parametrize(
    ("total", "stars"),
    [(0, 1), (29, 1), (30, 2), (49, 2), (50, 3), (69, 3), (70, 4), (89, 4), (90, 5), (100, 5)],
)
def test_star_bands_follow_article_3(total, stars):
    assert sheet_for(1).band_for(total) == stars


def test_a_council_averages_totals_and_flags_discrepancies():
    sheet = sheet_for(7)
    best = pick(sheet, "best")
    weaker = dict(best.choices)
    dropped = 0
    for criterion in sheet.criteria:  # drop whole unmarked points until about 20 points are lost
        options = criterion.options_of(None)
        low = min(options, key=lambda o: o.points)
        if not any(o.min_star for o in options) and dropped < 20 and criterion.max_points > low.points:
            weaker[criterion.code] = Choice(low.position)
            dropped += criterion.max_points - low.points
    council = evaluate_council(
        sheet,
        [
            SheetInput(best.choices, member="A"),
            SheetInput(best.choices, member="B"),
            SheetInput(weaker, member="C"),
        ],
    )
    exact = (Decimal(200) + council.members[2].total) / 3
    assert council.average_total == exact.quantize(Decimal("0.01"), rounding=ROUND_DOWN)  # shown cut down
    assert council.spread == 100 - council.members[2].total
    assert council.discrepancy and "differ by" in council.discrepancy_reasons[0]
    assert [m.stars for m in council.members][:2] == [5, 5]
    agreed = evaluate_council(sheet, [SheetInput(best.choices), SheetInput(best.choices)])
    assert (agreed.discrepancy, agreed.stars, agreed.propose_to_central_council) == (False, 5, True)
    assert evaluate_council(sheet, [SheetInput(best.choices)], discrepancy_points=0).spread == 0


def test_council_markers_use_the_members_average_on_the_criterion():
    sheet = sheet_for(7)
    criterion = next(c for c in sheet.criteria if any(o.min_star == 5 for o in c.options))
    marked = next(o for o in criterion.options if o.min_star == 5)
    lower = max((o for o in criterion.options if o.points < marked.points), key=lambda o: o.points)
    best = pick(sheet, "best")
    one_misses = SheetInput({**best.choices, criterion.code: Choice(lower.position)})
    council = evaluate_council(sheet, [best, best, one_misses])
    assert council.average_total >= 90 and council.band_stars == 5
    assert council.stars == 4 and not council.propose_to_central_council
    assert council.criteria[[c.code for c in sheet.criteria].index(criterion.code)].option is None


def test_a_council_disqualifies_by_majority_and_flags_disagreement():
    sheet = sheet_for(1)
    best = pick(sheet, "best")
    flagged = SheetInput(best.choices, disqualifiers=(1,))
    one = evaluate_council(sheet, [flagged, best, best])
    assert not one.disqualified and one.discrepancy
    two = evaluate_council(sheet, [flagged, flagged, best])
    assert two.disqualified and not two.certifiable and not two.propose_to_central_council


def test_council_members_must_agree_on_the_case_and_sheets_are_checked():
    sheet = sheet_for(26)
    a = pick(sheet, "best")
    b = pick(sheet, "best", **{"8": Choice(1, "b")})
    with pytest.raises(ScoringInputError, match="different cases"):
        evaluate_council(sheet, [a, b])
    with pytest.raises(ScoringInputError, match="at least one"):
        evaluate_council(sheet, [])


def test_results_serialise_to_plain_json():
    sheet = sheet_for(26)
    data = evaluate_council(sheet, [pick(sheet, "best"), pick(sheet, "worst")]).to_dict()
    assert json.loads(json.dumps(data))["average_total"] == data["average_total"]
