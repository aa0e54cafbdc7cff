from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "ocop.exchange"
    verbose_name = _("Excel import and export")

    def ready(self) -> None:
        # Each app declares its import kinds and export lists in its own `exchange` module (registry/exchange.py…),
        # as Django's admin finds `admin` modules: the machinery imports no app, the apps import the machinery.
        autodiscover_modules("exchange")
        from ocop.exchange import changes, health, todo  # noqa: F401  (register the change-history list, the things to
        # do, and the workers' and queue's checks for /readyz)
