"""System administrators work here: people, roles and tokens. The change log is read-only."""

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from ocop.core.models import ApiToken, ChangeLog, Role


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records nobody edits by hand here: the change log, and reference data loaded by commands or migrations."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "unit", "producer"]
    list_filter = ["kind"]
    search_fields = ["user__username", "unit__name", "producer__name"]
    autocomplete_fields = ["unit", "producer"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "expires_at", "last_used_at", "revoked"]
    list_filter = ["revoked"]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = ["prefix", "key_hash", "created_at", "last_used_at"]
    fields = ["user", "name", "expires_at", "revoked", *readonly_fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # keys are shown once: their owner creates them on the account page, or `ocop token create`


@admin.register(ChangeLog)
class ChangeLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "user_label", "source", "action", "content_type", "object_repr"]
    list_filter = ["action", "source", "content_type"]
    search_fields = ["object_repr", "user_label", "group_id"]
    date_hierarchy = "at"
