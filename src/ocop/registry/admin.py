from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from ocop.core.admin import ReadOnlyAdmin
from ocop.registry.models import Producer, Product, ProductSet


@admin.register(Producer)
class ProducerAdmin(admin.ModelAdmin):
    """Producers are created and moved in the staff pages, which keep the address history."""

    list_display = ["name", "legal_form", "tax_code", "commune", "is_demo"]
    list_filter = ["legal_form", "is_demo"]
    search_fields = ["name", "tax_code", "search_text"]
    readonly_fields = ["commune", "address"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "producer", "product_set", "status"]
    list_filter = ["status", "product_set"]
    search_fields = ["name", "search_text"]
    raw_id_fields = ["producer"]

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        return ["producer"] if obj else []

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for product in queryset:  # Product.delete() logs what it detaches; a bulk delete would not
            product.delete()


@admin.register(ProductSet)
class ProductSetAdmin(ReadOnlyAdmin):
    """Reference data from QĐ 26/2026 Annex I (loaded by migration): read-only."""

    list_display = ["number", "code", "name", "group_name", "sector_name"]
