from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleKind(models.TextChoices):
    NEWS = "news", _("News")
    TOPIC = "topic", _("Topic")
    STORY = "story", _("Product story")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ArticleState(models.TextChoices):
    """What the public sees: a published article with a future date is scheduled, not yet shown."""

    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
