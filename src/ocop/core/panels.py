"""Panels and hooks: a page of a lower app shows what an app above it provides, without importing it.

NetBox's template extensions, reduced to what the platform needs. The app above registers, from its
`AppConfig.ready`:

    register_panel("registry.product", "market/panels/product.html", market_of_product, order=20)

and the lower page renders a slot of its object, not knowing who fills it:

    {% load panels %}{% panels object %}              (the "page" slot: sections below the page's own)
    {% panels object "facts" %}                        (other slots: "facts" inside a <dl>, "links" under the title)
    {% panels "certificates.worklist" "page" %}        (a page with no object is named by a string)

    {% panels "portal.product" "stories" product %}     (a page named by a string, about an object)

A panel's `context(request, obj)` returns the panel's variables, or None to leave the panel out (no right to
see it, nothing to show). Query hooks (`register_annotation`) do the same for lists: an app above adds columns
to a lower app's querysets (the certificates app annotates products with their current stars). Named hooks
(`register_hook`) let two sibling apps serve each other without importing each other: the portal answers
"public_pages" (which products and producers have a public page) for the stories, the stories add their
"sitemaps" to the portal's.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest

PanelContext = Callable[[HttpRequest, Any], dict[str, Any] | None]
Annotation = Callable[[QuerySet], QuerySet]


@dataclass(frozen=True)
class Panel:
    target: str  # a model's label ("registry.product") or a page's name ("certificates.worklist")
    template: str
    context: PanelContext | None
    order: int
    slot: str


PANELS: list[Panel] = []
ANNOTATIONS: dict[str, list[tuple[str, Annotation]]] = {}


def target_of(obj: Any) -> str:
    """A model instance or class → its label ("registry.product"); a string is a page's name."""
    if isinstance(obj, str):
        return obj
    return obj._meta.label_lower


def register_panel(
    target: str | type[Model],
    template: str,
    context: PanelContext | None = None,
    *,
    order: int = 100,
    slot: str = "page",
) -> None:
    """Show `template` in `slot` of `target`'s page, in `order`. Registering the same template again replaces it."""
    label = target_of(target)
    PANELS[:] = [p for p in PANELS if (p.target, p.template, p.slot) != (label, template, slot)]
    PANELS.append(Panel(label, template, context, order, slot))
    PANELS.sort(key=lambda p: (p.target, p.slot, p.order, p.template))


def panels_for(target: Any, slot: str = "page") -> list[Panel]:
    label = target_of(target)
    return [p for p in PANELS if p.target == label and p.slot == slot]


def register_annotation(target: str | type[Model], annotate: Annotation) -> None:
    """Add `annotate` to the hooks `annotate(qs)` applies to querysets of `target` (once per function)."""
    label = target_of(target)
    name = f"{annotate.__module__}.{annotate.__qualname__}"
    hooks = [h for h in ANNOTATIONS.get(label, []) if h[0] != name]
    ANNOTATIONS[label] = [*hooks, (name, annotate)]


def annotate(qs: QuerySet) -> QuerySet:
    """`qs` with the columns the apps above registered for its model (e.g. `current_stars` on products)."""
    for _name, hook in ANNOTATIONS.get(target_of(qs.model), []):
        qs = hook(qs)
    return qs


HOOKS: dict[str, dict[str, Callable[..., Any]]] = {}


def register_hook(name: str, hook: Callable[..., Any]) -> None:
    """Add `hook` to the functions `hooks(name)` returns (once per function)."""
    HOOKS.setdefault(name, {})[f"{hook.__module__}.{hook.__qualname__}"] = hook


def hooks(name: str) -> list[Callable[..., Any]]:
    return list(HOOKS.get(name, {}).values())
