from typing import Any, cast

from django import forms
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from ocop.registry.images import reencode
from ocop.registry.models import Producer, Product
from ocop.stories.choices import ArticleKind, ArticleState
from ocop.stories.models import Article
from ocop.stories.sanitize import sanitize


class CleanArticle(forms.ModelForm):
    """The body leaves sanitised; a new cover is re-encoded (no EXIF, no hidden payload, bounded size)."""

    def clean_body(self) -> str:
        body = sanitize(self.cleaned_data.get("body"))
        if not strip_tags(body).strip() and "<img" not in body:
            raise forms.ValidationError(_("Write the article's text (unsafe markup is removed)."))
        return body

    def clean_cover(self) -> Any:
        cover = self.cleaned_data.get("cover")
        if cover and hasattr(cover, "size") and not getattr(cover, "_committed", False):
            return reencode(cover)
        return cover


FIELDS = ["kind", "title", "summary", "body", "cover", "cover_alt", "status", "publish_at", "products", "producers"]


class ArticleAdminForm(CleanArticle):
    class Meta:
        model = Article
        fields = FIELDS


class ArticleForm(CleanArticle):
    """The staff form. The body arrives as HTML from the editor, or typed in the plain textarea without
    JavaScript."""

    class Meta:
        model = Article
        fields = FIELDS
        widgets = {
            "body": forms.Textarea(attrs={"rows": 16, "data-rich-editor": ""}),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "publish_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "products": forms.SelectMultiple(attrs={"size": 8}),
            "producers": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["products"]).queryset = Product.objects.select_related(
            "producer"
        ).order_by("name", "pk")
        # A label per instance, as Django's docs allow; the stubs declare label_from_instance a method.
        cast(forms.ModelChoiceField, self.fields["products"]).label_from_instance = lambda p: (  # type: ignore[method-assign,assignment]
            f"{p.name} — {p.producer.name}"
        )
        cast(forms.ModelChoiceField, self.fields["producers"]).queryset = Producer.objects.order_by("name", "pk")
        self.fields["body"].help_text = _(
            "Allowed: paragraphs, bold, italic, headings, lists, quotes, links (http, https, mailto) and pictures."
            " Anything else is removed when saving."
        )


class PublicFilter(forms.Form):
    """The public list's filter: an unknown kind is ignored (the whole list), never an error page."""

    kind = forms.ChoiceField(choices=ArticleKind.choices, required=False)

    def chosen_kind(self) -> str:
        return self.cleaned_data["kind"] if self.is_valid() else ""


class StaffFilter(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    state = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *ArticleState.choices], required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=[("", _("All")), *ArticleKind.choices], required=False)
