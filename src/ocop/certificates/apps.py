from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "ocop.certificates"
    verbose_name = _("Certificates")

    def ready(self) -> None:
        from ocop.certificates import panels, tasks, todo  # noqa: F401  (register their daily job and things to do)

        panels.register()
