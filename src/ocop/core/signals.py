"""Signals between apps that must not import each other (core/panels.py has the panels and hooks).

`published_changed`: something the public pages show changed outside the catalogue (a story was published,
edited or withdrawn). The stories app sends it; the portal, listening, marks its cached pages stale.
"""

from django.dispatch import Signal

published_changed = Signal()
