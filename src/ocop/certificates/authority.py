"""Who decides, named as a document of that day names them: the People's Committee of the province (or, under
the older regimes, of the district) where the producer was on the decision's date, or the Ministry.

The province is the one of the map valid on the decision's date: a certificate decided on 22/07/2026 for a
producer of old Bình Phước is signed by the chair of Đồng Nai's People's Committee (Bình Phước merged into
Đồng Nai on 01/07/2025), one decided in 2024 by the chair of Bình Phước's.
"""

import datetime
from dataclasses import dataclass

from ocop.certificates.choices import DecidingLevel
from ocop.places.queries import Address, bare_name, in_sentence

# Bộ Nông nghiệp và Phát triển nông thôn merged with Bộ Tài nguyên và Môi trường on 01/03/2025 (Nghị định
# 35/2025/NĐ-CP); the Minister recognises 5★ products.
MINISTRY_MERGED = datetime.date(2025, 3, 1)


@dataclass(frozen=True)
class Authority:
    body: str  # "Ủy ban nhân dân thành phố Đồng Nai"
    head: str  # "Chủ tịch Ủy ban nhân dân thành phố Đồng Nai"
    short: str  # "Chủ tịch UBND thành phố Đồng Nai"
    place: str  # where its documents are dated: "Đồng Nai"


def ministry_on(day: datetime.date) -> str:
    if day < MINISTRY_MERGED:
        return "Bộ Nông nghiệp và Phát triển nông thôn"
    return "Bộ Nông nghiệp và Môi trường"


def committee(unit_name: str, place: str) -> Authority:
    body = f"Ủy ban nhân dân {unit_name}"
    return Authority(body, f"Chủ tịch {body}", f"Chủ tịch UBND {unit_name}", place)


def issuing_authority(level: str, where: Address) -> Authority:
    """`where` is the producer's address on the decision's date (places.addresses_on)."""
    if level == DecidingLevel.CENTRAL:
        ministry = ministry_on(where.day)
        return Authority(ministry, f"Bộ trưởng {ministry}", f"Bộ trưởng {ministry}", "Hà Nội")
    district = where.district
    if level == DecidingLevel.DISTRICT and district is not None:
        return committee(in_sentence(district), bare_name(district))
    return committee(in_sentence(where.province), bare_name(where.province))
