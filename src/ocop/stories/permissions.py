"""Who may read and write articles in the staff pages (the public sees published ones only)."""

from typing import Any

from ocop.core.choices import RoleKind
from ocop.core.scoping import role_of


def may_write(user: Any) -> bool:
    """The province OCOP office speaks for the programme; the system administrator may too."""
    if getattr(user, "is_superuser", False):
        return True
    role = role_of(user)
    return role is not None and role.kind == RoleKind.PROVINCE_OFFICE


def may_read(user: Any) -> bool:
    """Offices and viewers see drafts and scheduled articles; producer accounts only what is published."""
    if getattr(user, "is_superuser", False):
        return True
    role = role_of(user)
    return role is not None and role.kind != RoleKind.PRODUCER
