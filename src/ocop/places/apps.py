from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "ocop.places"
    verbose_name = _("Administrative units")

    def ready(self) -> None:
        # The rights table (core) reads the map through these; core imports no domain app.
        from ocop.core.rights import units
        from ocop.places.queries import province_prefixes, scope_prefixes

        units.register(scope_prefixes, province_prefixes)
