import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class MapVersion(models.TextChoices):
    """Which administrative map a unit belongs to. Codes repeat across maps; (map, code) is unique."""

    LEGACY = "legacy", _("Three-level map (until 30/06/2025)")
    V2025 = "2025", _("Two-level map (from 01/07/2025)")


class Level(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


# The 2025 reform (Nghị quyết 202/2025/QH15 and the communes' resolutions) took effect on 1 July 2025.
REFORM_DATE = datetime.date(2025, 7, 1)
LEGACY_LAST_DAY = REFORM_DATE - datetime.timedelta(days=1)


def map_at(day: datetime.date) -> str:
    return MapVersion.V2025 if day >= REFORM_DATE else MapVersion.LEGACY
