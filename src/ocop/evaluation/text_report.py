"""A plain-text breakdown of a scoring result, for the terminal."""

from typing import Any


def render_text(answer: dict[str, Any]) -> str:
    result, kind = answer["result"], answer["kind"]
    lines = [f"{answer['criteria_version']} · bộ sản phẩm {answer['product_set']} · {kind}"]
    total = result["total"] if kind == "sheet" else result["average_total"]
    lines.append(f"Tổng điểm: {total} → theo thang điểm {result['band_stars']}★, xếp hạng {result['stars']}★")
    for part in result["parts"]:
        lines.append(f"  Phần {part['code']} {part['name']}: {part['points']}/{part['max_points']}")
        for section in part["sections"]:
            lines.append(f"    {section['code']}. {section['name']}: {section['points']}/{section['max_points']}")
    for marker in result["unmet_markers"]:
        lines.append(
            f"  Chưa đạt yêu cầu {marker['stars']}★ ở tiêu chí {marker['criterion']}: "
            f"{marker['achieved_points']}/{marker['required_points']} điểm"
        )
    if result["disqualified"]:
        lines.append("  BỊ LOẠI: " + "; ".join(result["disqualification_reasons"]))
    if kind == "council":
        for member in result["members"]:
            lines.append(f"  Thành viên {member['member'] or '?'}: {member['total']} điểm, {member['stars']}★")
        if result["discrepancy"]:
            lines.append("  Chênh lệch: " + "; ".join(result["discrepancy_reasons"]))
        if result["propose_to_central_council"]:
            lines.append("  Đề xuất Hội đồng Trung ương đánh giá 5★.")
    lines.append(
        "Đủ điều kiện công nhận." if result["certifiable"] else "Không đủ điều kiện công nhận (dưới 3★ hoặc bị loại)."
    )
    return "\n".join(lines)
