"""Small charts as inline SVG (no JavaScript, printable): a sparkline, yearly bars and a points map."""

import datetime
from decimal import Decimal

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

register = template.Library()


@register.simple_tag
def sparkline(series: list[tuple[datetime.date, float | None]], width: int = 120, height: int = 28) -> SafeString:
    values = [v for _d, v in series if v is not None]
    if len(values) < 2:
        return mark_safe("")
    low, high = min(values), max(values)
    span = (high - low) or 1
    step = width / (len(values) - 1)
    points = " ".join(
        f"{i * step:.1f},{height - 2 - (v - low) / span * (height - 4):.1f}" for i, v in enumerate(values)
    )
    return format_html(
        '<svg class="spark" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{label}">'
        '<polyline fill="none" stroke="currentColor" stroke-width="2" points="{p}"/></svg>',
        w=width, h=height, p=points, label=" → ".join(f"{v:g}" for v in values),
    )  # fmt: skip


@register.simple_tag
def bars(series: list[tuple[datetime.date, float | None]], target: Decimal | None = None) -> SafeString:
    """One bar per date of the series, with the target as a line; values are written under the bars."""
    values = [(d, v) for d, v in series if v is not None]
    if not values:
        return mark_safe("")
    top = max([v for _d, v in values] + [float(target or 0)]) or 1
    width, height, gap = 60 * len(values), 120, 12
    parts = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" class="bar"/><text x="{}" y="{}" class="bar-label">{}</text>'
        '<text x="{}" y="{}" class="bar-year">{}</text>',
        (
            (i * 60 + gap / 2, height - v / top * (height - 20), 60 - gap, v / top * (height - 20),
             i * 60 + 30, height - v / top * (height - 20) - 4, f"{v:g}",
             i * 60 + 30, height + 14, d.strftime("%d/%m/%y"))
            for i, (d, v) in enumerate(values)
        ),
    )  # fmt: skip
    line = (
        format_html('<line x1="0" x2="{}" y1="{}" y2="{}" class="target-line"/>', width, *(
            [height - float(target) / top * (height - 20)] * 2))
        if target is not None else ""
    )  # fmt: skip
    return format_html(
        '<svg class="bars" viewBox="0 -4 {} {}" width="{}" height="{}" role="img">{}{}</svg>',
        width, height + 22, width, height + 22, parts, line,
    )  # fmt: skip


@register.simple_tag
def points_map(
    points: list[tuple[float, float, str, str]], width: int = 520, height: int = 420, label: str = ""
) -> SafeString:
    """(latitude, longitude, kind, label) as dots on a plain frame: a map that needs no tile server.
    `label` is its text alternative (screen readers); by default it says how many places it shows."""
    if not points:
        return mark_safe("")
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    dy, dx = (north - south) or 0.01, (east - west) or 0.01
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="{}" class="pt-{}"><title>{}</title></circle>',
        (
            (f"{10 + (lon - west) / dx * (width - 20):.1f}", f"{10 + (north - lat) / dy * (height - 20):.1f}",
             6 if kind == "showroom" else 3, kind, label)
            for lat, lon, kind, label in points
        ),
    )  # fmt: skip
    label = label or ngettext("Map of %(n)s place", "Map of %(n)s places", len(points)) % {"n": len(points)}
    return format_html(
        '<svg class="points-map" viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}">{}</svg>',
        width, height, label, dots,
    )  # fmt: skip
