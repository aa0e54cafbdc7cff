"""Hostile values shared by the bad-input corpus (forms, import kinds, API): what people paste, scripts send and
attackers craft. Each must get a message and change nothing — never a 500 (docs/bad-input.md#the-corpus).

`SCALARS` are strings (what a form field or a CSV cell carries); `LISTS` stand where one value is expected or
are very long multi-selects; `text_or_hostile()` mixes them with random text for hypothesis.
"""

from hypothesis import strategies as st

CSV_LIMIT = 131_072  # csv.field_size_limit(): one more character and the csv module raises
HUGE = 2**63  # one past bigint's largest value

SCALARS: dict[str, str] = {
    "nul": "HTX\x00 Bom Bo",
    "nul-alone": "\x00",
    "over-csv-limit": "x" * (CSV_LIMIT + 1),
    "200k": "đ" * 200_000,
    "int-2**63": str(HUGE),
    "int--2**63-1": str(-HUGE - 1),
    "int-10**30": str(10**30),
    "negative": "-1",
    "negative-decimal": "-0.5",
    "nan": "NaN",
    "infinity": "Infinity",
    "-inf": "-inf",
    "exponent": "1e999999",
    "date-31/02": "31/02/2026",
    "date-zero": "00/00/0000",
    "date-9999-99-99": "9999-99-99",
    "html-script": '<script>alert("x")</script><img src=x onerror=alert(1)>',
    "sql": "'; DROP TABLE registry_producer; --",
    "sql-or": "1 OR 1=1",
    "rtl-override": "\u202eHTX\u202c gnỗ",
    "combining": "a" + "\u0301\u0302\u0323" * 40,
    "zero-width": "\u200b\u200d\ufeff",
    "whitespace": " \t\r\n\u00a0\u3000 ",
    "empty": "",
    "format-string": "%s%(name)s{0}{__class__}",
    "path": "../../etc/passwd",
}

LISTS: dict[str, list[str]] = {
    "list-for-scalar": ["1", "2"],
    "list-mixed": ["1", "x", str(HUGE)],
    "multi-5000": [str(i) for i in range(1, 5001)],
}

# In JSON only: a lone surrogate, which no UTF-8 text (and no PostgreSQL text) can hold.
JSON_ONLY: dict[str, str] = {"lone-surrogate": '"\\ud800"', "nul-escape": '"\\u0000"'}

# What a cell of .xlsx can hold besides text: openpyxl writes these as numbers or dates.
CELL_EXTRAS: dict[str, object] = {"cell-int-2**70": 2**70, "cell-float-inf": float("inf"), "cell-negative": -5}


def text_or_hostile() -> st.SearchStrategy[str]:
    """A hostile value or random text (any code point a form or a file can carry, surrogates excluded: a browser
    cannot send them; JSON can, see JSON_ONLY)."""
    text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
    return st.one_of(st.sampled_from(list(SCALARS.values())), text)


def form_value() -> st.SearchStrategy[str | list[str]]:
    """One form field's value: a hostile scalar, random text or a list where a scalar is expected."""
    return st.one_of(text_or_hostile(), st.sampled_from(list(LISTS.values())))
