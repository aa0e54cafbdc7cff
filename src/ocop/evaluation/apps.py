from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "ocop.evaluation"
    verbose_name = _("Evaluation")

    def ready(self) -> None:
        from ocop.evaluation import todo  # noqa: F401  (registers its things to do)
