"""System checks that catch a production set-up mistake before the first request does."""

from typing import Any

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.checks import CheckMessage, Error, Tags, Warning, register


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


@register(Tags.security, deploy=True)
def public_address_set(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if settings.PRODUCTION and not settings.OCOP_SITE_URL:
        return [
            Warning(
                "OCOP_SITE_URL is not set: QR codes, open-data files and the sitemap would link to whatever address"
                " a request names (a Host with another port is accepted), and each such address builds and keeps"
                " its own open-data files.",
                hint="Set OCOP_SITE_URL to the site's public address, e.g. https://ocop.example.vn.",
                id="ocop.W002",
            )
        ]
    return []
