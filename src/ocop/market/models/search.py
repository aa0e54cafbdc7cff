from typing import Any

from django.db import models

from ocop.core.text import fold_all


class Searchable(models.Model):
    """Keeps a folded copy of `search_fields` so "hoi cho" finds "Hội chợ" on SQLite and PostgreSQL alike."""

    search_fields: tuple[str, ...] = ()
    search_text = models.TextField(editable=False, default="")

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = fold_all(*(getattr(self, name) for name in self.search_fields))
        super().save(*args, **kwargs)
