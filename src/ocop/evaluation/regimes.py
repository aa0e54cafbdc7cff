"""The four regimes of OCOP evaluation, as data (DOMAIN.md §3). Loaded by migration; QĐ 26/2026's star
bands are also in its criteria file. Deciding levels name who recognises each star level."""

import datetime
from typing import Any

STAR_BANDS = [
    {"stars": 1, "min": 0, "below": 30},
    {"stars": 2, "min": 30, "below": 50},
    {"stars": 3, "min": 50, "below": 70},
    {"stars": 4, "min": 70, "below": 90},
    {"stars": 5, "min": 90, "below": None},
]

REGIMES: list[dict[str, Any]] = [
    {
        "code": "qd-1048-2019",
        "document_number": "1048/QĐ-TTg",
        "title": "Bộ tiêu chí đánh giá, phân hạng sản phẩm Chương trình Mỗi xã một sản phẩm",
        "issued_on": datetime.date(2019, 8, 21),
        "effective_from": datetime.date(2019, 8, 21),
        "effective_until": datetime.date(2023, 2, 23),
        "part_weights": {"A": 35, "B": 25, "C": 40},
        "deciding_levels": {"3": "province", "4": "province", "5": "central"},
        "notes": "Legacy regime: criteria not loaded; certificates granted under it can be recorded.",
    },
    {
        "code": "qd-148-2023",
        "document_number": "148/QĐ-TTg",
        "title": "Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm Chương trình Mỗi xã một sản phẩm",
        "issued_on": datetime.date(2023, 2, 24),
        "effective_from": datetime.date(2023, 2, 24),
        "effective_until": datetime.date(2026, 7, 20),
        "part_weights": {"A": 40, "B": 25, "C": 35},
        "deciding_levels": {"3": "district", "4": "province", "5": "central"},
        "notes": "Legacy regime: criteria not loaded. Ended 60 days after QĐ 26/2026 (Điều 11 khoản 2).",
    },
    {
        "code": "qd-1489-2025",
        "document_number": "1489/QĐ-TTg",
        "title": "Sửa đổi quy trình đánh giá, phân hạng sản phẩm OCOP theo chính quyền địa phương hai cấp",
        "issued_on": datetime.date(2025, 7, 6),
        "effective_from": datetime.date(2025, 7, 6),
        "effective_until": datetime.date(2026, 7, 20),
        "part_weights": {"A": 40, "B": 25, "C": 35},
        "deciding_levels": {"3": "province", "4": "province", "5": "central"},
        "notes": "Commune pre-checks; the province recognises 3★ and 4★. Criteria as QĐ 148/2023.",
    },
    {
        "code": "qd-26-2026",
        "document_number": "26/2026/QĐ-TTg",
        "title": "Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm Mỗi xã một sản phẩm",
        "issued_on": datetime.date(2026, 5, 22),
        "effective_from": datetime.date(2026, 5, 22),
        "effective_until": None,
        "part_weights": {"A": 40, "B": 25, "C": 35},
        "deciding_levels": {"3": "province", "4": "province", "5": "central"},
        "notes": "Criteria loaded from the packaged file (src/ocop/data/criteria/qd-26-2026.json).",
    },
]


def sync_regimes(model: Any) -> None:
    for regime in REGIMES:
        model.objects.update_or_create(code=regime["code"], defaults={**regime, "star_bands": STAR_BANDS})
