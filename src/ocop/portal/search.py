"""Catalogue search that ignores diacritics and forgives small typos.

The query is folded like the stored text ("Hạt điều" → "hat dieu"); every word must appear. A word found
nowhere in the catalogue is replaced by the catalogue's words one edit away (a letter missing, extra,
changed or two letters swapped: "dieuu", "mat ogn" → "mat ong"), looked up in a deletion index
(the SymSpell idea) built from the catalogue's words and kept in memory until the catalogue changes.
"""

import threading
from functools import reduce
from operator import or_

from django.db.models import Case, IntegerField, Max, Q, QuerySet, Value, When

from ocop.core.text import fold

MAX_QUERY_CHARS = 200  # longer input is cut, not refused: nobody types more into a product search
MAX_WORDS = 8
MIN_TYPO_LENGTH = 4  # shorter words have too many neighbours one edit away


def words(query: str) -> list[str]:
    folded = fold(query[:MAX_QUERY_CHARS])
    cleaned = "".join(ch if ch.isalnum() else " " for ch in folded)
    return cleaned.split()[:MAX_WORDS]


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Vocabulary:
    """The catalogue's words and their one-deletion variants; rebuilt when the catalogue changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stamp: object = None
        self._words: set[str] = set()
        self._index: dict[str, set[str]] = {}

    def forget(self) -> None:
        self._stamp = None

    def _current_stamp(self) -> object:
        from ocop.portal.models import CatalogueEntry

        latest = CatalogueEntry.objects.aggregate(Max("refreshed_at"), Max("product_id"))
        return (*latest.values(), CatalogueEntry.objects.count())

    def _ensure(self) -> None:
        from ocop.portal.models import CatalogueEntry

        stamp = self._current_stamp()
        if stamp == self._stamp:
            return
        with self._lock:
            found: set[str] = set()
            for text in CatalogueEntry.objects.values_list("search_text", flat=True).iterator(chunk_size=5000):
                found.update(text.split())
            index: dict[str, set[str]] = {}
            for word in found:
                if len(word) >= MIN_TYPO_LENGTH - 1:
                    for variant in _deletes(word) | {word}:
                        index.setdefault(variant, set()).add(word)
            self._words, self._index, self._stamp = found, index, stamp

    def alternatives(self, word: str) -> set[str]:
        """Catalogue words within one edit of `word` (itself when it is one)."""
        self._ensure()
        if word in self._words or len(word) < MIN_TYPO_LENGTH:
            return {word}
        close: set[str] = set()
        for variant in _deletes(word) | {word}:
            close |= self._index.get(variant, set())
        return close or {word}


vocabulary = Vocabulary()


def matching(entries: QuerySet, query: str) -> QuerySet:
    """Entries whose text holds every word of `query`, each word or one of its close alternatives."""
    for word in words(query):
        options = vocabulary.alternatives(word)
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
