from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")


class Source(models.TextChoices):
    WEB = "web", _("Web page")
    API = "api", _("API")
    ADMIN = "admin", _("Administration")
    CLI = "cli", _("Command line")
    IMPORT = "import", _("Import")
    SYSTEM = "system", _("System")


class RoleKind(models.TextChoices):
    PROVINCE_OFFICE = "province_office", _("Province OCOP office")
    COMMUNE_OFFICER = "commune_officer", _("Commune officer")
    PRODUCER = "producer", _("Producer account")
    VIEWER = "viewer", _("Viewer (read-only)")
    NATIONAL_OFFICE = "national_office", _("National OCOP office")
