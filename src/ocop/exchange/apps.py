from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "ocop.exchange"
    verbose_name = _("Excel import and export")

    def ready(self) -> None:
        from ocop.exchange import lists, lists_market, todo  # noqa: F401  (register the lists, the things to do)
