"""Product codes (three official forms) and verification codes."""

import secrets
from dataclasses import dataclass

# Crockford's base32 without I, L, O, U: easy to read aloud and type from a label.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 60 bits: unguessable, short enough to type


@dataclass(frozen=True)
class ProductCode:
    text: str
    province: str
    district: str
    commune: str
    sequence: str
    year: int


def parse_product_code(text: str) -> ProductCode:
    """Parse one of the three forms (DOMAIN.md §3); raise ValueError with a readable reason.

    - QĐ 26/2026: province-commune-sequence-year          75-25441-003-2026
    - older:      province-sequence-year                  70-31-2021
    - older:      province-district-commune-sequence-year 83-829-28780-3-2022
    """
    cleaned = text.strip()
    parts = cleaned.split("-")
    if not all(part.isdigit() for part in parts) or len(parts) not in (3, 4, 5):
        raise ValueError("expected digits in 3, 4 or 5 groups separated by '-', e.g. 75-25441-003-2026")
    year = int(parts[-1])
    if len(parts[-1]) != 4 or not 2000 <= year <= 2100:
        raise ValueError("the last group must be a four-digit year")
    if len(parts[0]) != 2:
        raise ValueError("the first group must be the two-digit province code")
    district = commune = ""
    if len(parts) == 4:
        commune = parts[1]
    elif len(parts) == 5:
        district, commune = parts[1], parts[2]
    return ProductCode(cleaned, parts[0], district, commune, parts[-2], year)


def new_verification_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def format_verification_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_verification_code(typed: str) -> str:
    """What a person typed or a QR held → the stored form (case, dashes, spaces and look-alikes forgiven)."""
    text = typed.strip().upper().replace("-", "").replace(" ", "")
    return text.translate(str.maketrans("OIL", "011"))
