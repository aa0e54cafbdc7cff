from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "ocop.portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from ocop.portal import opendata_files, panels, signals, tasks, todo  # noqa: F401  (these register themselves)

        signals.connect()
        panels.register()
