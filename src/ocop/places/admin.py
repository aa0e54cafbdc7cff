from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from ocop.places.models import Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    """Reference data from the vietnam-provinces package: read-only here, refreshed by `ocop units sync`."""

    list_display = ["name", "code", "map", "level", "valid_from", "valid_to"]
    list_filter = ["map", "level"]
    search_fields = ["name", "code", "search_text"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
