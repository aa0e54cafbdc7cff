from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ocop.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from ocop.core import checks, history, lookups  # noqa: F401  (checks registers itself)

        history.connect_signals()
        lookups.register()
