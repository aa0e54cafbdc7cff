"""Disqualifying conditions of the 26 sheets (issue 17): every one catalogued with its citation and our
judgement; those the answers themselves show are applied automatically, whatever the member lists; the
others stay the member's to state. Pure Python: no database."""

import re

import pytest
from django.utils import translation

from ocop.evaluation.scoring import SheetInput, evaluate_council, evaluate_sheet
from ocop.evaluation.tests.engine_kit import DATA, READINGS, SETS, best_but, pick, sheet_for

PATTERN = re.compile(r"bị loại|loại bỏ|không đánh giá|không xét|không xem xét", re.IGNORECASE)
SIXTEEN_NOTE = "Ghi chú: Nếu được 0 điểm tại một trong các chỉ tiêu trên, sẽ không đánh giá các bước tiếp theo."


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def printed_conditions() -> list[tuple[int, str | None, str]]:
    """Every text of the criteria file that excludes a dossier or stops the evaluation: (set, location, text)."""
    found = []

    def walk(node: dict, path: list[str], number: int) -> None:
        for text in [*(node.get("notes") or []), node.get("description") or ""]:
            if PATTERN.search(text):
                found.append((number, " > ".join(path), text))
        for option in node.get("options") or []:
            if PATTERN.search(option["text"]):
                found.append((number, " > ".join(path), option["text"]))
        for child in node.get("sections", []) + node.get("criteria", []) + node.get("sub_criteria", []):
            walk(child, path if child.get("implicit") else [*path, child["code"]], number)

    for sheet in DATA["scoresheets"]:
        found += [(sheet["set_number"], None, text) for text in sheet["disqualifiers"]]
        for part in sheet["parts"]:
            walk(part, [part["code"]], sheet["set_number"])
    return found


def test_every_disqualifying_text_of_the_26_sets_is_catalogued_with_its_exact_words():
    printed = printed_conditions()
    assert len(printed) == 71  # 25 paragraphs, 46 notes (set 1's paragraph is printed twice, kept once)
    cited = {(c.set_number, c.location, c.text) for condition in READINGS.conditions for c in condition.citations}
    assert set(printed) <= cited
    everything = {(n, loc, text) for n, loc, text in printed}
    options = {
        (s["set_number"], f"C > 6 > {c['code']}", o["text"])
        for s in DATA["scoresheets"]
        for p in s["parts"]
        for sec in p["sections"]
        for c in sec["criteria"]
        for o in c["options"]
    }
    assert cited <= everything | options  # nothing cited that is not printed, word for word


def test_each_condition_carries_a_judgement_and_only_two_are_automatic():
    effects = {c.id: c.effect for c in READINGS.conditions}
    assert [name for name, effect in effects.items() if effect == "automatic"] == [
        "s16-sensory-zero",
        "s19-no-announcement",
    ]
    assert effects["s20-no-announcement"] == effects["unsafe-impurities"] == "assessor"
    assert effects["s21-s22-raw-material-option"] == "none"
    assert all(c.judgement["vi"] and c.judgement["en"] for c in READINGS.conditions)


@pytest.mark.parametrize("code", ["6.1", "6.2", "6.3", "6.4"])
def test_set_16_any_zero_among_6_1_to_6_4_stops_the_evaluation(code):
    sheet = sheet_for(16)
    zero = next(o.position for o in sheet.by_code[code].options if o.points == 0)
    result = evaluate_sheet(sheet, best_but(sheet, **{code.replace(".", "_"): zero}))
    assert result.total >= 95 and result.disqualified and not result.certifiable
    assert [d.condition for d in result.disqualifications] == ["s16-sensory-zero"]
    reason = result.disqualification_reasons[0]
    assert SIXTEEN_NOTE in reason and f"{code} scored 0" in reason and "set 16, C › 6" in reason


def test_set_19_without_an_announcement_is_disqualified_and_with_one_it_is_not():
    sheet = sheet_for(19)
    result = evaluate_sheet(sheet, best_but(sheet, **{"6": 1}))
    assert result.disqualified and not result.certifiable and result.stars >= 3
    reason = result.disqualification_reasons[0]
    assert "Không có hồ sơ công bố tiêu chuẩn sản phẩm" in reason and "không có Bản công bố sản phẩm" in reason
    for position in (2, 3, 4):
        assert not evaluate_sheet(sheet, best_but(sheet, **{"6": position})).disqualified


@pytest.mark.parametrize(
    ("number", "code"),
    [(20, "6"), (21, "6.5"), (22, "6.5"), (11, "6.1.1"), (2, "6.1"), (7, "1.1"), (5, "2.1"), (21, "6.2")],
)
def test_conditions_the_answers_cannot_show_are_not_applied_automatically(number, code):
    sheet = sheet_for(number)
    worst = min(sheet.by_code[code].options, key=lambda o: o.points).position
    result = evaluate_sheet(sheet, best_but(sheet, **{code.replace(".", "_"): worst}))
    assert not result.disqualified and result.certifiable


def test_the_member_can_still_state_a_condition_the_answers_cannot_show():
    sheet = sheet_for(11)
    result = evaluate_sheet(sheet, SheetInput(pick(sheet, "best").choices, disqualified_criteria=("6.1.1",)))
    assert result.disqualified and result.disqualifications[0].automatic is False
    assert result.disqualification_reasons[0].startswith("6.1.1: Chú ý: Nếu có các tạp chất không chấp nhận được")


@pytest.mark.parametrize("number", SETS)
def test_the_best_sheet_of_every_set_is_never_disqualified(number):
    assert not evaluate_sheet(sheet_for(number), pick(sheet_for(number), "best")).disqualified


def test_a_council_follows_the_majority_of_its_members_sheets_automatic_or_stated():
    sheet = sheet_for(16)
    best = pick(sheet, "best")
    stained = best_but(sheet, **{"6_1": 1})
    stated = SheetInput(best.choices, disqualifiers=(1,))
    one = evaluate_council(sheet, [stained, best, best])
    assert (
        not one.disqualified and one.certifiable and "members disagree on disqualification" in one.discrepancy_reasons
    )
    two = evaluate_council(sheet, [stained, stated, best])
    assert two.disqualified and not two.certifiable and not two.propose_to_central_council
    assert {d.condition for d in two.disqualifications} == {"s16-sensory-zero", "paragraph"}
    everyone = evaluate_council(sheet, [stained, stained, stained])
    assert everyone.disqualified and everyone.criteria[[c.code for c in sheet.criteria].index("6.1")].points == 0
    assert everyone.disqualification_reasons == [everyone.members[0].disqualification_reasons[0]]
