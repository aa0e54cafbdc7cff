import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ocop.core.history import track
from ocop.core.rights import RightsQuerySet
from ocop.core.text import fold, fold_all
from ocop.core.types import StrOrPromise
from ocop.stories.choices import ArticleKind, ArticleState, ArticleStatus
from ocop.stories.sanitize import sanitize

SLUG_LENGTH = 80
RESERVED_SLUGS = {"rss", "atom", "anh"}  # the feeds' and covers' URLs under /tin-tuc/


class ArticleQuerySet(RightsQuerySet):
    def published(self, now: Any = None) -> "ArticleQuerySet":
        """What the public sees: published, and its date has come."""
        return self.filter(status=ArticleStatus.PUBLISHED, publish_at__lte=now or timezone.now())


@track()
class Article(models.Model):
    """A news item, a topic page or a product's story on the public portal."""

    kind = models.CharField(_("type"), max_length=10, choices=ArticleKind.choices, default=ArticleKind.NEWS)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=SLUG_LENGTH, unique=True, editable=False)
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("One or two sentences shown in lists and feeds.")
    )
    body = models.TextField(_("text"), max_length=100_000)
    cover = models.ImageField(
        _("cover picture"), upload_to="stories/%Y/%m/", blank=True, width_field="cover_width",
        height_field="cover_height",
    )  # fmt: skip
    cover_width = models.PositiveIntegerField(editable=False, default=0)
    cover_height = models.PositiveIntegerField(editable=False, default=0)
    cover_alt = models.CharField(
        _("description of the cover picture"), max_length=255, blank=True,
        help_text=_("What the picture shows, for people who cannot see it. Required with a picture."),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT)
    publish_at = models.DateTimeField(
        _("publish at"), default=timezone.now,
        help_text=_("A published article with a later date and time is scheduled: it appears then."),
    )  # fmt: skip
    products = models.ManyToManyField(
        "registry.Product", blank=True, related_name="articles", verbose_name=_("products")
    )
    producers = models.ManyToManyField(
        "registry.Producer", blank=True, related_name="articles", verbose_name=_("producers")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        editable=False, verbose_name=_("author"),
    )  # fmt: skip
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-publish_at", "-id"]
        indexes = [models.Index(fields=["status", "publish_at"], name="article_public_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(cover="") | ~Q(cover_alt=""),
                name="article_cover_has_alt",
                violation_error_message=_("Describe the cover picture for people who cannot see it."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.body = sanitize(self.body)  # always stored sanitised, whoever saves
        self.search_text = fold_all(self.title, self.summary)
        if not self.slug:
            self.slug = self._free_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("stories:detail", args=[self.slug])

    def clean(self) -> None:
        if self.cover and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": _("Describe the cover picture for people who cannot see it.")})

    @property
    def state(self) -> str:
        if self.status != ArticleStatus.PUBLISHED:
            return ArticleState.DRAFT
        return ArticleState.SCHEDULED if self.publish_at > timezone.now() else ArticleState.PUBLISHED

    def get_state_display(self) -> StrOrPromise:
        return ArticleState(self.state).label

    @property
    def published_at(self) -> datetime.datetime:
        """The date readers see (the portal's home page shows it)."""
        return self.publish_at

    @property
    def body_html(self) -> SafeString:
        return mark_safe(sanitize(self.body))  # sanitised right here, whatever is stored

    @property
    def cover_name(self) -> str:
        return Path(self.cover.name).name if self.cover and self.cover.name else ""

    def cover_url(self) -> str:
        return reverse("stories:cover", args=[self.pk, self.cover_name]) if self.cover else ""

    def _free_slug(self) -> str:
        base = slugify(fold(self.title))[: SLUG_LENGTH - 8].strip("-") or "bai-viet"
        taken = set(Article.objects.filter(slug__startswith=base).exclude(pk=self.pk).values_list("slug", flat=True))
        taken |= RESERVED_SLUGS
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        return slug
