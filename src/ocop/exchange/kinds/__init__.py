"""The kinds of file the platform imports. Each app adds its own kinds here (events, listings…);
the engine, the template, the pages and the CLI work the same for all."""

from ocop.exchange.kinds.base import Column, ImportKind
from ocop.exchange.kinds.certificates import CertificateKind
from ocop.exchange.kinds.market import MARKET_KINDS
from ocop.exchange.kinds.registry import ProducerKind, ProductKind
from ocop.exchange.kinds.workforce import WorkforceKind

KINDS: dict[str, ImportKind] = {
    kind.name: kind
    for kind in (
        ProducerKind(),
        ProductKind(),
        CertificateKind(),
        WorkforceKind(),
        *(market_kind() for market_kind in MARKET_KINDS),
    )
}

__all__ = ["KINDS", "Column", "ImportKind"]
