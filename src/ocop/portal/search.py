"""Catalogue search that ignores diacritics and forgives small typos.

The query is folded like the stored text ("Hạt điều" → "hat dieu"); every word must appear. A word found
nowhere in the catalogue is replaced by the catalogue's words one edit away (a letter missing, extra,
changed or two letters swapped: "dieuu", "mat ogn" → "mat ong"), looked up in a deletion index
(the SymSpell idea) built from the catalogue's words and kept in memory until the catalogue changes
(`ocop.portal.state`).
"""

from functools import reduce
from operator import or_

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from ocop.core.text import fold
from ocop.portal.state import state

MAX_QUERY_CHARS = 200  # longer input is cut, not refused: nobody types more into a product search
MAX_WORDS = 8
RANK_AT_MOST = 2_000  # ranking sorts every match: broader searches are listed by name (docs/portal.md)
MIN_TYPO_LENGTH = 3  # shorter words have too many neighbours one edit away


def words(query: str) -> list[str]:
    folded = fold(query[:MAX_QUERY_CHARS])
    cleaned = "".join(ch if ch.isalnum() else " " for ch in folded)
    return cleaned.split()[:MAX_WORDS]


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Vocabulary:
    """The catalogue's words and their one-deletion variants, kept until the catalogue changes."""

    def __init__(self, words: set[str]) -> None:
        self.words = words
        self.index: dict[str, set[str]] = {}
        for word in words:
            if len(word) >= MIN_TYPO_LENGTH - 1:
                for variant in _deletes(word) | {word}:
                    self.index.setdefault(variant, set()).add(word)

    @classmethod
    def of_catalogue(cls) -> "Vocabulary":
        from ocop.portal.models import CatalogueEntry

        found: set[str] = set()
        for text in CatalogueEntry.objects.values_list("search_text", flat=True).iterator(chunk_size=5000):
            found.update(text.split())
        return cls(found)

    def alternatives(self, word: str) -> set[str]:
        """Catalogue words within one edit of `word` (itself when it is one)."""
        if word in self.words or len(word) < MIN_TYPO_LENGTH:
            return {word}
        close: set[str] = set()
        for variant in _deletes(word) | {word}:
            close |= self.index.get(variant, set())
        return close or {word}


def vocabulary() -> Vocabulary:
    return state.derived("vocabulary", Vocabulary.of_catalogue)


def matching(entries: QuerySet, query: str) -> QuerySet:
    """Entries whose text holds every word of `query`, each word or one of its close alternatives."""
    known = vocabulary()
    for word in words(query):
        options = known.alternatives(word)
        entries = entries.filter(reduce(or_, (Q(search_text__contains=option) for option in sorted(options))))
    return entries


def by_relevance(entries: QuerySet, query: str) -> QuerySet:
    """Products named with the whole phrase first, then those whose name holds every word, then the rest
    (matched through their producer, product set or place)."""
    found = words(query)
    if not found:
        return entries.order_by("sort_name", "product_id")
    in_name = Q()
    for word in found:
        in_name &= Q(sort_name__contains=word)
    rank = Case(
        When(sort_name__contains=" ".join(found), then=Value(0)),
        When(in_name, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return entries.annotate(rank=rank).order_by("rank", "sort_name", "product_id")
