from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "ocop.api"
    label = "api"
    verbose_name = _("API and webhooks")

    def ready(self) -> None:
        from ocop.api import (
            events,  # noqa: F401  (listens to the records whose changes are webhook events)
            idempotency,  # noqa: F401  (its daily job forgets old keys)
        )
