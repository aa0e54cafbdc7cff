"""Who may add and change market records (seeing them is `Model.objects.for_user`)."""

from typing import Any

from ocop.core import scoping
from ocop.core.choices import RoleKind
from ocop.market.models import Event, Listing, Participation, SalesPoint

# What a producer account may propose about itself, and the path from the record to its producer.
PRODUCER_PROPOSALS: dict[type, str] = {
    Event: "proposed_by_id",
    Participation: "producer_id",
    SalesPoint: "producer_id",
    Listing: "product.producer_id",
}


def _producer_id(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def may_create(user: Any, model: type) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    role = scoping.role_of(user)
    if role is None or not scoping.can_edit(user):
        return False
    return role.kind != RoleKind.PRODUCER or model in PRODUCER_PROPOSALS


def editable_by(user: Any, obj: Any) -> bool:
    """Offices change what lies in their unit (records without a unit: the province office); producer
    accounts change only what they proposed about themselves. `obj` is already within the user's sight."""
    if getattr(user, "is_superuser", False):
        return True
    role = scoping.role_of(user)
    if role is None or not scoping.can_edit(user):
        return False
    if role.kind == RoleKind.PRODUCER:
        path = PRODUCER_PROPOSALS.get(type(obj))
        return path is not None and _producer_id(obj, path) == role.producer_id
    if not hasattr(obj, "unit_id"):
        return True  # placed through its producer: being visible means being in scope
    if obj.unit_id is None:
        return role.kind == RoleKind.PROVINCE_OFFICE
    return any(obj.unit.path.startswith(prefix) for prefix in scoping.unit_prefixes(user) or [])
