"""`{% may "change" object as can_change %}`: templates ask the rights table, as views do."""

from django import template
from django.apps import apps
from django.db.models import Model

from ocop.core import rights

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context: template.Context, action: str, obj: Model | type[Model] | str) -> bool:
    """Whether the signed-in person may take `action` on `obj` (a record, a model, or "app.model" for any)."""
    request = context.get("request")
    if request is None:
        return False
    target = apps.get_model(obj) if isinstance(obj, str) else obj
    return rights.may(request.user, action, target)


@register.simple_tag(takes_context=True)
def sees_personal(context: template.Context, obj: Model) -> bool:
    """`{% sees_personal object as sees %}`: whether the signed-in person reads the record's personal fields
    (`ocop.core.rights.sees_personal`); without, a page shows `{% hidden_personal %}` in their place."""
    request = context.get("request")
    return request is not None and rights.sees_personal(request.user, obj)


@register.simple_tag
def hidden_personal() -> str:
    """What stands in for a personal value one may not read."""
    return str(rights.HIDDEN)
