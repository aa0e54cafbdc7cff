"""How the rights table reads the administrative map, which core does not know (core sits below places):
the places app registers two functions at start-up (`PlacesConfig.ready`), and the table calls them."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

UnitPrefixes = Callable[[Any], list[str]]  # a unit → the path prefixes it covers, on both maps
ProvincePrefixes = Callable[[int], list[str]]  # a commune's id → its province's prefixes, on both maps

_registered: dict[str, Callable[..., list[str]]] = {}


def register(unit_prefixes: UnitPrefixes, province_prefixes: ProvincePrefixes) -> None:
    _registered.update(unit=unit_prefixes, province=province_prefixes)


def _get(name: str) -> Callable[..., list[str]]:
    if name not in _registered:
        raise ImproperlyConfigured("The rights table needs the places app (ocop.places) in INSTALLED_APPS.")
    return _registered[name]


def unit_prefixes(unit: Any) -> list[str]:
    return _get("unit")(unit)


def province_prefixes(commune_id: int) -> list[str]:
    return _get("province")(commune_id)
