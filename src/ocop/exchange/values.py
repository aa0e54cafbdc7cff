"""Parsing one cell as an office would type it: dd/mm/yyyy or Excel dates, Vietnamese number separators
(1.234,5), choices by their Vietnamese label or code, yes/no words. Each parser raises CellError(message)."""

import contextlib
import datetime
import functools
import re
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from ocop.core.text import fold

EXCEL_EPOCH = datetime.date(1899, 12, 30)
BIGGEST = 2**63 - 1  # the widest integer column (bigint); beyond it a value cannot be stored or looked up
YES = {"co", "x", "yes", "y", "1", "true", "dung"}
NO = {"khong", "no", "n", "0", "false", "sai", ""}


class CellError(ValueError):
    def __init__(self, message: str, hint: str = "", column: str = "") -> None:
        super().__init__(message)
        self.hint, self.column = hint, column


@contextlib.contextmanager
def in_column(column: str) -> Iterator[None]:
    """A cell error raised inside is reported under `column` (a matcher does not know which column it reads)."""
    try:
        yield
    except CellError as error:
        error.column = column
        raise


def text(value: Any) -> str:
    if type(value) is str:  # most cells: no other test needed
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a tax number typed as a number comes back as 3801234567.0
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def number(value: Any) -> Decimal | None:
    """1234 · 1.234 · 1.234,5 · 1234,5 · 1,234.5 (English) → Decimal. Vietnamese reading wins when unclear."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError(_("Not a number."))
    if isinstance(value, int | float | Decimal):
        return _finite(Decimal(str(value)), value)
    raw = str(value).strip().replace(" ", "").replace("\u00a0", "")
    if "," in raw and "." in raw:
        raw = raw.replace(".", "").replace(",", ".") if raw.rfind(",") > raw.rfind(".") else raw.replace(",", "")
    elif "," in raw:
        raw = raw.replace(",", ".") if not re.fullmatch(r"-?\d{1,3}(,\d{3})+", raw) else raw.replace(",", "")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", raw):
        raw = raw.replace(".", "")  # 1.234 is one thousand two hundred thirty-four in Vietnamese
    try:
        return _finite(Decimal(raw), value)
    except InvalidOperation:
        raise CellError(
            _("“%(value)s” is not a number.") % {"value": shown(value)}, _("Write digits, e.g. 1.234,5")
        ) from None


def _finite(parsed: Decimal, value: Any) -> Decimal:
    """Infinity and NaN ("inf", "NaN", an Excel overflow) are words, not amounts."""
    if not parsed.is_finite():
        raise CellError(_("“%(value)s” is not a number.") % {"value": shown(value)}, _("Write digits, e.g. 1.234,5"))
    return parsed


def integer(value: Any) -> int | None:
    parsed = number(value)
    if parsed is None:
        return None
    # Compared as a Decimal first: int(Decimal("1e999999999")) would build a billion-digit number.
    if not -BIGGEST <= parsed <= BIGGEST:
        raise CellError(_("“%(value)s” is too large a number.") % {"value": shown(value)})
    if parsed != parsed.to_integral_value():
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": shown(value)})
    return int(parsed)


def shown(value: Any) -> str:
    """A cell as quoted in a message: short, and without a NUL (the report is stored as text)."""
    text = str(value).replace("\x00", "")
    return text if len(text) <= 40 else text[:39] + "…"


def date(value: Any) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        return EXCEL_EPOCH + datetime.timedelta(days=int(value))  # an Excel serial date
    raw = str(value).strip()
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise CellError(_("“%(value)s” is not a date.") % {"value": shown(value)}, _("Write dd/mm/yyyy, e.g. 15/03/2023"))


def yes_no(value: Any) -> bool:
    word = fold(text(value))
    if word in YES:
        return True
    if word in NO:
        return False
    raise CellError(_("“%(value)s” is not yes or no.") % {"value": shown(value)}, _("Write “Có” or “Không”"))


def choice(value: Any, choices: list[tuple[str, str]]) -> str:
    """Match a code or a label (Vietnamese or the page's language), ignoring case and diacritics."""
    return _choose(value, choices, _index_of(choices))


def _choose(value: Any, choices: list[tuple[str, str]], index: dict[str, str]) -> str:
    code = index.get(fold(text(value)))
    if code is not None:
        return code
    labels = ", ".join(str(label) for _code, label in choices[:12])
    raise CellError(
        _("“%(value)s” is not in the list.") % {"value": shown(value)},
        _("Choose one of: %(labels)s") % {"labels": labels},
    )


def _index_of(choices: list[tuple[str, str]]) -> dict[str, str]:
    return _choice_index(tuple((str(c), str(label)) for c, label in choices), translation.get_language())


def choice_of(choices: list[tuple[str, str]]) -> Callable[[Any], str]:
    """A column's parser for `choices`: an empty cell is "" (the kind decides what that means). The labels are
    read once per language, not once per cell (each is a lazy translation)."""
    indexes: dict[str | None, dict[str, str]] = {}

    def parse(value: Any) -> str:
        if not text(value):
            return ""
        language = translation.get_language()
        index = indexes.get(language)
        if index is None:
            index = indexes[language] = _index_of(choices)
        return _choose(value, choices, index)

    return parse


@functools.lru_cache(maxsize=256)
def _choice_index(choices: tuple[tuple[str, str], ...], language: str | None) -> dict[str, str]:
    """Folded code, label and Vietnamese label → code, built once per list and language, not once per cell."""
    index: dict[str, str] = {}
    for code, label in reversed(choices):  # the first choice wins a tie, as a scan would
        index[fold(code)] = index[fold(label)] = code
    for (code, _label), vi_label in zip(reversed(choices), reversed(_vietnamese_labels(choices)), strict=True):
        index.setdefault(fold(vi_label), code)
    return index


def _vietnamese_labels(choices: tuple[tuple[str, str], ...]) -> list[str]:
    from django.utils.translation import gettext

    with translation.override("vi"):
        return [gettext(label) for _code, label in choices]
