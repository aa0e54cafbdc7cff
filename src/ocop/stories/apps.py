from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "ocop.stories"
    verbose_name = _("Stories and news")

    def ready(self) -> None:
        from ocop.stories import panels

        panels.register()  # its panels on the portal's pages, its sitemap, the signal when an article changes
