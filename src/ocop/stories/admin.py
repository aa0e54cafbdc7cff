from django import forms
from django.contrib import admin
from django.http import HttpRequest

from ocop.stories.forms import ArticleAdminForm
from ocop.stories.models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm  # the same sanitising and cover re-encoding as the staff pages
    list_display = ["title", "kind", "status", "publish_at", "author"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "summary"]
    readonly_fields = ["slug", "author", "created_at", "updated_at"]
    raw_id_fields = ["products", "producers"]
    date_hierarchy = "publish_at"

    def save_model(self, request: HttpRequest, obj: Article, form: forms.ModelForm, change: bool) -> None:
        if not change and obj.author_id is None:
            obj.author = request.user  # type: ignore[assignment]  # the admin's user is signed in
        super().save_model(request, obj, form, change)
