"""The kinds of file the platform imports. Each app adds its own kinds here (later: certificates, workforce,
events…); the engine, the template and the CLI work the same for all."""

from ocop.exchange.kinds.base import Column, ImportKind
from ocop.exchange.kinds.registry import ProducerKind, ProductKind

KINDS: dict[str, ImportKind] = {kind.name: kind for kind in (ProducerKind(), ProductKind())}

__all__ = ["KINDS", "Column", "ImportKind"]
