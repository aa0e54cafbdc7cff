from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "ocop.certificates"
    verbose_name = _("Certificates")

    def ready(self) -> None:
        from ocop.certificates import todo  # noqa: F401  (registers its things to do)
