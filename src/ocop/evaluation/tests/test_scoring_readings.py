"""Irregular printings of QĐ 26/2026 are scored by explicit, recorded readings (issue 17), never by a cap:
each reading is data with its reason and evidence, checked against the print, and a sheet whose print is
irregular without a reading does not build. Pure Python: no database."""

import copy

import pytest
from django.utils import translation

from ocop.evaluation.scoring import evaluate_sheet
from ocop.evaluation.scoring.readings import Readings, UnreadPrinting
from ocop.evaluation.tests.engine_kit import DATA, RAW_READINGS, READINGS, SETS, best_but, pick, sheet_for


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_set_11_very_few_impurities_is_read_as_1_point_and_does_not_meet_the_4_star_marker():
    sheet = sheet_for(11)
    impurities = sheet.by_code["6.1.1"]
    few = impurities.options[1]
    assert few.text.startswith("Có rất ít tạp chất")
    assert (few.printed_points, few.points, few.reading.id) == (11, 1, "s11-6.1.1-option2")
    assert "does not meet the 4★ requirement" in few.note and "4, 5, 7, 8, 9, 10, 12, 13, 14, 15" in few.note
    result = evaluate_sheet(sheet, best_but(sheet, **{"6_1_1": 2}))
    assert result.total == 99 and result.band_stars == 5
    assert result.stars == 3 and [(m.criterion, m.stars) for m in result.unmet_markers] == [("6.1.1", 4)]
    assert few.note in next(s for s in result.criteria if s.code == "6.1.1").notes


def test_set_4_nutrition_13_is_read_as_3_because_the_data_says_so():
    nutrition = sheet_for(4).by_code["7"]
    above = nutrition.options[2]
    assert (above.printed_points, above.points, nutrition.max_points) == (13, 3, 3)
    assert above.reading.id == "s4-7-option3" and above.reading.part_total == ("C", 35)
    assert evaluate_sheet(sheet_for(4), best_but(sheet_for(4), **{"7": 3})).total == 100


@pytest.mark.parametrize("number", [4, 7, 10, 11])
def test_criterion_1_2_without_points_is_read_as_0_as_the_parallel_sets_print_it(number):
    option = sheet_for(number).by_code["1.2"].options[0]
    assert (option.printed_points, option.points, option.reading.id) == (None, 0, "1.2-option1-without-points")
    assert "Printed without points, read as 0" in option.note


@pytest.mark.parametrize("number", range(1, 23))
def test_the_bilingual_label_criterion_is_read_as_yes_or_no(number):
    code = "2.4" if number <= 20 else "2.3"
    criterion = sheet_for(number).by_code[code]
    assert [(o.text, o.points) for o in criterion.options] == [("Không đạt", 0), ("Đạt", 1)]
    assert criterion.reading.id == f"bilingual-label-{code}" and "1. Không đạt = 0; 2. Đạt = 1" in criterion.note


def test_set_23_ambiguous_cell_and_set_26_heading_are_read_by_their_sums():
    guide = sheet_for(23).by_code["9"]
    assert (guide.max_points, guide.reading.printed, guide.reading.id) == (4, ("4", "1"), "s23-9-points-cell")
    part_a = sheet_for(26).parts[0]
    assert (part_a.max_points, part_a.reading.printed) == (40, 35) and "(35 Điểm)" in part_a.note
    result = evaluate_sheet(sheet_for(26), pick(sheet_for(26), "best"))
    assert result.parts[0].max_points == 40 and part_a.note in result.parts[0].notes


def test_every_scoring_warning_of_the_criteria_file_has_its_reading():
    scoring = [w for w in DATA["extraction_warnings"] if w["severity"] == "scoring"]
    assert len(scoring) == 30
    read = {(n, r.part, r.criterion, r.kind) for r in READINGS.readings for n in r.sets}
    for warning in scoring:
        segments = warning["location"].split(" > ")
        target = (warning["set_number"], segments[0], segments[-1] if len(segments) > 1 else None, warning["kind"])
        assert target in read, warning


@pytest.mark.parametrize("reading", READINGS.readings, ids=lambda r: r.id)
def test_the_evidence_of_each_reading_holds_in_the_print(reading):
    """Parallel sets print what we read; the Part total adds up only with what we read."""
    for number, code, position in reading.parallels:
        parallel = sheet_for(number).by_code[code]
        option = parallel.options[position - 1]
        assert option.printed_points == reading.read_points, (number, code)
        own = sheet_for(reading.sets[0]).by_code[reading.criterion].options[reading.option - 1]
        assert option.text.split()[:4] == own.text.split()[:4], (number, option.text)
    if reading.part_total:
        for number in reading.sets:
            part = next(p for p in sheet_for(number).parts if p.code == reading.part_total[0])
            assert sum(s.max_points for s in part.sections) == part.max_points == reading.part_total[1]


@pytest.mark.parametrize("number", SETS)
def test_a_sheet_with_an_irregular_printing_and_no_reading_fails_loudly(number):
    irregular = {n for r in READINGS.readings for n in r.sets}
    bare = Readings(READINGS.decision, (), READINGS.conditions)
    if number not in irregular:
        assert sheet_for(number, bare).set_number == number
        return
    with pytest.raises(UnreadPrinting) as error:
        sheet_for(number, bare)
    assert all(f"set {number}" in problem for problem in error.value.problems)
    assert any("no recorded reading" in p or "no reading" in p for p in error.value.problems)


@pytest.mark.parametrize("index", range(len(RAW_READINGS["readings"])))
def test_removing_any_one_reading_makes_its_sets_fail(index):
    data = copy.deepcopy(RAW_READINGS)
    removed = data["readings"].pop(index)
    readings = Readings.from_json(data)
    for number in removed["sets"]:
        with pytest.raises(UnreadPrinting, match=f"set {number}"):
            sheet_for(number, readings)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"printed": 12}, "printed 12"),
        ({"meets_marker": True}, "meets_marker"),
        ({"read_points": 3}, "exceeds 2"),
        ({"sets": [11, 12]}, "set 12: reading s11-6.1.1-option2 matches nothing printed"),
    ],
)
def test_a_reading_that_does_not_match_the_print_fails_loudly(change, message):
    data = copy.deepcopy(RAW_READINGS)
    data["readings"][0].update(change)
    readings = Readings.from_json(data)
    with pytest.raises(UnreadPrinting, match=message):
        for number in change.get("sets", [11]):
            sheet_for(number, readings)


def test_a_malformed_readings_file_is_refused_with_every_problem():
    data = copy.deepcopy(RAW_READINGS)
    data["readings"][0]["kind"] = "capped"
    del data["readings"][1]["evidence"]["en"]
    data["disqualifications"][0]["effect"] = "maybe"
    data["disqualifications"][-1]["rule"] = {"kind": "any_zero", "criteria": ["6.5"]}
    with pytest.raises(UnreadPrinting) as error:
        Readings.from_json(data)
    problems = " | ".join(error.value.problems)
    for expected in ("unknown kind 'capped'", "s4-7-option3: missing evidence", "paragraph: effect must be",
                     "s21-s22-raw-material-option: an automatic condition"):  # fmt: skip
        assert expected in problems
    with pytest.raises(UnreadPrinting, match="schema_version"):
        Readings.from_json({"schema_version": 9})
