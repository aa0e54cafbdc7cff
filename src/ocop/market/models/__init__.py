from ocop.market.models.activities import Activity, ActivityFile, Support
from ocop.market.models.channels import Listing, SalesPoint
from ocop.market.models.events import Event, Participation
from ocop.market.models.rural import CommuneStatus, CraftVillage

__all__ = [
    "Activity",
    "ActivityFile",
    "CommuneStatus",
    "CraftVillage",
    "Event",
    "Listing",
    "Participation",
    "SalesPoint",
    "Support",
]
