"""System checks that catch a production set-up mistake before the first request does."""

from typing import Any

from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.staticfiles, deploy=True)
def static_files_collected(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    storage = getattr(staticfiles_storage, "_wrapped", staticfiles_storage)
    if isinstance(storage, ManifestFilesMixin) and not storage.load_manifest():
        return [
            Error(
                "Static files have not been collected, so every page would fail.",
                hint="Run `ocop collectstatic --no-input` (after each upgrade too).",
                id="ocop.E001",
            )
        ]
    return []
