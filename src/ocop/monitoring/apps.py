from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "ocop.monitoring"
    verbose_name = _("Post-recognition monitoring")

    def ready(self) -> None:
        from ocop.monitoring import panels, reminders, todo  # noqa: F401  (reminders and todo register themselves)

        panels.register()
