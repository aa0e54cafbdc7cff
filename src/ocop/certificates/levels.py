"""Who recognises each star level: the regime's `deciding_levels` as the engine and the decisions read them.

A star level with a deciding level is certifiable; the lowest is where certificates start, and the levels the
central council decides are proposed to it. Pure data, passed in (from `Regime.levels()`), never restated.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from ocop.certificates.choices import DecidingLevel

CENTRAL = DecidingLevel.CENTRAL


@dataclass(frozen=True)
class Levels:
    by_stars: tuple[tuple[int, str], ...]  # (stars, deciding level), lowest stars first

    @classmethod
    def from_json(cls, deciding_levels: Mapping[str, str]) -> "Levels":
        """`{"3": "province", "4": "province", "5": "central"}` as stored on a regime."""
        return cls(tuple(sorted((int(stars), level) for stars, level in deciding_levels.items())))

    def level_of(self, stars: int) -> str | None:
        """Who recognises `stars`; None when that level gets no certificate."""
        return dict(self.by_stars).get(stars)

    def certifiable(self, stars: int) -> bool:
        return self.level_of(stars) is not None

    @property
    def lowest(self) -> int:
        """The lowest certifiable level: the star markers never demote below it."""
        return min((stars for stars, _level in self.by_stars), default=0)

    def central(self, stars: int) -> bool:
        return self.level_of(stars) == CENTRAL

    @property
    def local(self) -> list[int]:
        """The levels recognised below the centre, highest first (what a dossier the centre returns may get)."""
        return sorted((stars for stars, level in self.by_stars if level != CENTRAL), reverse=True)

    @property
    def highest_local(self) -> int:
        return max(self.local, default=0)

    @property
    def lowest_central(self) -> int | None:
        return min((stars for stars, level in self.by_stars if level == CENTRAL), default=None)
