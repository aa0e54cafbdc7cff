from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketConfig(AppConfig):
    name = "ocop.market"
    verbose_name = _("Market access and programme activities")

    def ready(self) -> None:
        from ocop.market import panels, todo  # noqa: F401  (registers its things to do)

        panels.register()
