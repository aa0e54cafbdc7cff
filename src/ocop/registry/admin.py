from django.contrib import admin

from ocop.registry.models import Producer, Product, ProductSet


@admin.register(Producer)
class ProducerAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_form", "tax_code", "commune", "is_demo"]
    list_filter = ["legal_form", "is_demo"]
    search_fields = ["name", "tax_code", "search_text"]
    raw_id_fields = ["commune"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "producer", "product_set", "status"]
    list_filter = ["status", "product_set"]
    search_fields = ["name", "search_text"]
    raw_id_fields = ["producer"]


@admin.register(ProductSet)
class ProductSetAdmin(admin.ModelAdmin):
    list_display = ["number", "code", "name", "group_name", "sector_name"]
