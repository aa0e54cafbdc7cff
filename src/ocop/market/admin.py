from django.contrib import admin

from ocop.market.models import Activity, CommuneStatus, CraftVillage, Event, Listing, Participation, SalesPoint, Support


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "level", "starts_on", "ends_on", "confirmed"]
    list_filter = ["kind", "level", "confirmed"]
    search_fields = ["name", "organiser"]
    raw_id_fields = ["proposed_by"]
    autocomplete_fields = ["unit"]  # searched by name, not a raw id box


@admin.register(SalesPoint)
class SalesPointAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "opened_on", "closed_on", "confirmed"]
    list_filter = ["kind", "confirmed"]
    search_fields = ["name", "operator"]
    raw_id_fields = ["producer"]
    autocomplete_fields = ["unit"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "starts_on"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "agency"]
    autocomplete_fields = ["unit"]
    filter_horizontal = ["producers", "products"]


for model in (Participation, Listing, CommuneStatus, CraftVillage, Support):
    relations = [f.name for f in model._meta.fields if f.is_relation]
    admin.site.register(
        model,
        raw_id_fields=[name for name in relations if name != "unit"],
        autocomplete_fields=[name for name in relations if name == "unit"],
    )
