import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class MapVersion(models.TextChoices):
    """Which administrative map a unit belongs to. Codes repeat across maps; (map, code) is unique."""

    LEGACY = "legacy", _("Three-level map (until 30/06/2025)")
    V2025 = "2025", _("Two-level map (from 01/07/2025)")


class Level(models.TextChoices):
    COUNTRY = "country", _("Country")
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


# The 2025 reform (Nghị quyết 202/2025/QH15 and the communes' resolutions) took effect on 1 July 2025.
REFORM_DATE = datetime.date(2025, 7, 1)
LEGACY_LAST_DAY = REFORM_DATE - datetime.timedelta(days=1)


def map_at(day: datetime.date) -> str:
    return MapVersion.V2025 if day >= REFORM_DATE else MapVersion.LEGACY


# The whole country, one unit at the root of each map (its path is the map's own: "legacy/", "2025/"), so a role
# given it reaches every province by the same prefix rule as any other unit. Provinces keep no parent: the
# country is above them in the paths only, so names, addresses and "the producer's province" stop at the province.
COUNTRY_CODE = "VN"
COUNTRY_NAME = "Toàn quốc"
