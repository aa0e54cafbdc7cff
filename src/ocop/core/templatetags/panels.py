"""{% panels object "slot" %}: the panels the apps above registered for a page (core/panels.py)."""

from typing import Any

from django import template
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from ocop.core.panels import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context: template.Context, target: Any, slot: str = "page", about: Any = None) -> SafeString:
    """The panels of `target` (an object, or a page's name — then `about` is the object the page shows)."""
    request = context.get("request")
    obj = about if isinstance(target, str) else target
    parts = []
    for panel in panels_for(target, slot):
        extra = panel.context(request, obj) if panel.context is not None else {}
        if extra is None:
            continue
        with context.push(**extra):  # rendered like an {% include %}: the page's variables plus the panel's
            parts.append(get_template(panel.template).template.render(context))
    return mark_safe("".join(parts))  # each part is a template's output, escaped by its own template
