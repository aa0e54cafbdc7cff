from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    FAIR = "fair", _("Trade fair")
    EXHIBITION = "exhibition", _("Exhibition")
    CONFERENCE = "conference", _("Trade-connection conference")
    OCOP_WEEK = "ocop_week", _("OCOP week")
    LIVESTREAM = "livestream", _("Livestream sales session")


class EventLevel(models.TextChoices):
    COMMUNE = "commune", _("Commune")
    PROVINCIAL = "provincial", _("Provincial")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    INTERNATIONAL = "international", _("International")


# Events above the province are open to producers of every province; commune and provincial events belong
# to the scope of the unit that holds them (our rule).
OPEN_EVENT_LEVELS = frozenset({EventLevel.REGIONAL, EventLevel.NATIONAL, EventLevel.INTERNATIONAL})


class SalesPointKind(models.TextChoices):
    SHOWROOM_CENTRE = "showroom_centre", _("OCOP design and showroom centre")
    OCOP_POINT = "ocop_point", _("OCOP sales point")
    COMMERCIAL_CENTRE = "commercial_centre", _("Commercial centre")
    SUPERMARKET = "supermarket", _("General supermarket")
    CONVENIENCE_CHAIN = "convenience_chain", _("Convenience store chain")
    TRADITIONAL_MARKET = "traditional_market", _("Traditional market")
    ECOMMERCE_PLATFORM = "ecommerce_platform", _("E-commerce platform")
    ONLINE_SHOP = "online_shop", _("Online shop")
    EXPORT_PARTNER = "export_partner", _("Export partner")


# Indicator 14: modern channels are a property of the type (DOMAIN.md §5), never guessed from a name.
MODERN_KINDS = frozenset(
    {
        SalesPointKind.COMMERCIAL_CENTRE,
        SalesPointKind.SUPERMARKET,
        SalesPointKind.CONVENIENCE_CHAIN,
        SalesPointKind.ECOMMERCE_PLATFORM,
        SalesPointKind.ONLINE_SHOP,
    }
)
# Indicator 13 counts these; indicator 11 counts showroom centres.
SUPERMARKET_KINDS = frozenset({SalesPointKind.COMMERCIAL_CENTRE, SalesPointKind.SUPERMARKET})
ONLINE_KINDS = frozenset({SalesPointKind.ECOMMERCE_PLATFORM, SalesPointKind.ONLINE_SHOP})


class RuralLevel(models.TextChoices):
    NTM = "ntm", _("New-rural standard")
    ADVANCED = "advanced", _("Advanced new-rural")
    MODEL = "model", _("Model new-rural")


class ActivityKind(models.TextChoices):
    """The plan's solutions 3–7 (DOMAIN.md §6): one family of activities."""

    SUPPORT_POLICY = "support_policy", _("Support policy")
    SCIENCE_PROJECT = "science_project", _("Science and technology project")
    IP_QUALITY = "ip_quality", _("IP and quality-system support")
    PILOT_MODEL = "pilot_model", _("Pilot model")
    TRAINING = "training", _("Training course")
    COMMUNICATION = "communication", _("Communication (conference, broadcast, publication)")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class SupportKind(models.TextChoices):
    FINANCE = "finance", _("Funding")
    EQUIPMENT = "equipment", _("Equipment")
    PACKAGING = "packaging", _("Packaging and labels")
    TRAINING = "training", _("Training")
    PROMOTION = "promotion", _("Trade promotion")
    IP_QUALITY = "ip_quality", _("IP or quality certification")
    OTHER = "other", _("Other")


class FundingSource(models.TextChoices):
    CENTRAL = "central", _("Central budget")
    PROVINCIAL = "provincial", _("Provincial budget")
    DISTRICT = "district", _("District or commune budget")
    PROGRAMME = "programme", _("Target programme (NTM)")
    PRIVATE = "private", _("Producer or private")
    OTHER = "other", _("Other")
