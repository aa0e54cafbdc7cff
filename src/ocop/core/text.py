"""Vietnamese text folding for search that ignores diacritics and case.

"Điều" → "dieu", "Đồng Phú" → "dong phu". Folded copies are stored beside the text (a `search_text`
column), so the same `icontains` query works on SQLite and PostgreSQL without extensions.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D").replace("Ð", "D").replace("ð", "d")  # Ð: legacy encodings
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().lower()


def fold_all(*parts: str | None) -> str:
    return " ".join(p for p in (fold(part) for part in parts) if p)
