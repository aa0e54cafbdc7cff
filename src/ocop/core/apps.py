from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ocop.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # checks, language and throttle register themselves
        from ocop.core import checks, history, language, lookups, throttle  # noqa: F401

        history.connect_signals()
        lookups.register()
