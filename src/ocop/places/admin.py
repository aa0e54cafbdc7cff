from django.contrib import admin

from ocop.core.admin import ReadOnlyAdmin
from ocop.places.models import Unit


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    """Reference data from the vietnam-provinces package: read-only here, refreshed by `ocop units sync`."""

    list_display = ["name", "code", "map", "level", "valid_from", "valid_to"]
    list_filter = ["map", "level"]
    search_fields = ["name", "code", "search_text"]
