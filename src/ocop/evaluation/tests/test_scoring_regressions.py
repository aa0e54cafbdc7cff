"""Issue 17 as an office scores through the API: a misprinted option no longer inflates the stars, conditions
the answers show disqualify by themselves, and a council's average is banded as it is, not rounded first."""

import pytest

from ocop.evaluation.models import CriteriaVersion

pytestmark = pytest.mark.django_db


def answers(set_number: int, **overrides: int) -> dict:
    """The best option of every criterion, except `overrides` (code with "_" for "." → option position)."""
    sheet = CriteriaVersion.objects.get().scoresheet(set_number)
    chosen = {}
    for criterion in sheet.criteria:
        case = criterion.cases[0][0] if criterion.cases else None
        option = max(criterion.options_of(case), key=lambda o: (o.points, o.position))
        chosen[criterion.code] = {"case": case, "option": option.position} if case else option.position
    chosen.update({code.replace("_", "."): position for code, position in overrides.items()})
    return chosen


def losing(set_number: int, points: int) -> dict:
    """Best everywhere, then exactly `points` lost keeping every 3★ and 4★ marker met (so the band decides)."""
    sheet = CriteriaVersion.objects.get().scoresheet(set_number)
    reachable: dict[int, dict] = {0: {}}
    for criterion in sheet.criteria:
        if criterion.cases:
            continue
        floor = max((o.points for o in criterion.options if o.min_star and o.min_star <= 4), default=0)
        for lost, chosen in list(reachable.items()):
            for option in (o for o in criterion.options if o.points >= floor):
                total = lost + criterion.max_points - option.points
                if total <= points and total not in reachable:
                    reachable[total] = {**chosen, criterion.code: option.position}
    return {**answers(set_number), **reachable[points]}


def score(client, user, set_number: int, sheets: list[dict]) -> dict:
    client.force_login(user)
    body = {"product_set": set_number, "sheets": [{"member": str(i), "choices": c} for i, c in enumerate(sheets)]}
    response = client.post("/api/v1/scoring/evaluate", body, content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()["result"]


def test_it_does_not_rank_tea_with_very_few_impurities_at_5_stars(client, province_officer):
    result = score(client, province_officer, 11, [answers(11, **{"6_1_1": 2})])
    assert (result["total"], result["band_stars"], result["stars"]) == (99, 5, 3)
    assert [(m["criterion"], m["stars"]) for m in result["unmet_markers"]] == [("6.1.1", 4)]
    impurities = next(c for c in result["criteria"] if c["code"] == "6.1.1")
    assert impurities["points"] == 1 and any("s11-6.1.1-option2" in note for note in impurities["notes"])


def test_it_disqualifies_a_set_16_drink_with_a_zero_among_the_sensory_criteria(client, province_officer):
    result = score(client, province_officer, 16, [answers(16, **{"6_3": 1})])
    assert result["total"] == 96 and result["disqualified"] and not result["certifiable"]
    assert "Nếu được 0 điểm tại một trong các chỉ tiêu trên" in result["disqualification_reasons"][0]
    assert result["disqualifications"][0]["automatic"] is True


def test_it_disqualifies_a_set_19_cosmetic_without_a_product_announcement(client, province_officer):
    result = score(client, province_officer, 19, [answers(19, **{"6": 1})])
    assert result["disqualified"] and not result["certifiable"]
    assert "Không có hồ sơ công bố tiêu chuẩn sản phẩm" in result["disqualification_reasons"][0]


def test_it_bands_a_council_average_of_69_995_at_3_stars(client, province_officer):
    seventy, sixty_nine = losing(7, 30), losing(7, 31)
    result = score(client, province_officer, 7, [seventy] * 199 + [sixty_nine])
    assert [m["total"] for m in result["members"][-2:]] == [70, 69]
    assert (result["average_total"], result["band_stars"], result["stars"]) == (69.99, 3, 3)
    assert score(client, province_officer, 7, [seventy] * 200)["stars"] == 4


def test_it_checks_the_star_markers_on_the_exact_council_average(client, province_officer):
    sheet = CriteriaVersion.objects.get().scoresheet(7)
    criterion, marked, below = next(
        (c, o, b)
        for c in sheet.criteria
        for o in c.options
        for b in c.options
        if o.min_star == 5 and b.points == o.points - 1
    )
    lower = answers(7, **{criterion.code.replace(".", "_"): below.position})
    result = score(client, province_officer, 7, [answers(7)] * 199 + [lower])
    averaged = next(c for c in result["criteria"] if c["code"] == criterion.code)
    assert averaged["points"] == marked.points - 0.01  # 199 × p + (p − 1), over 200: p − 0.005, shown cut down
    assert result["band_stars"] == 5 and result["stars"] == 4 and not result["propose_to_central_council"]
