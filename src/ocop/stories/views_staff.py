"""Staff pages under /staff/stories/: the list (offices and viewers), and the forms (the province office)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, DeleteView, UpdateView

from ocop.core import rights
from ocop.core.text import fold
from ocop.core.views import SavingFormMixin, paginate
from ocop.stories.choices import ArticleState, ArticleStatus
from ocop.stories.forms import ArticleForm, StaffFilter
from ocop.stories.models import Article
from ocop.stories.sanitize import sanitize


class ReaderRequired(LoginRequiredMixin):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not rights.may(request.user, "view", Article):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class WriterRequired(LoginRequiredMixin):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not rights.may(request.user, "change", Article):
            raise PermissionDenied(_("Only the province OCOP office writes stories and news."))
        return super().dispatch(request, *args, **kwargs)


def _filtered(form: StaffFilter) -> QuerySet:
    articles = Article.objects.select_related("author").defer("body")
    if not form.is_valid():
        return articles.none()
    data, now = form.cleaned_data, timezone.now()
    if data["q"]:
        articles = articles.filter(search_text__contains=fold(data["q"]))
    if data["kind"]:
        articles = articles.filter(kind=data["kind"])
    state = data["state"]
    if state == ArticleState.DRAFT:
        articles = articles.exclude(status=ArticleStatus.PUBLISHED)
    elif state == ArticleState.SCHEDULED:
        articles = articles.filter(status=ArticleStatus.PUBLISHED, publish_at__gt=now)
    elif state == ArticleState.PUBLISHED:
        articles = articles.published(now)
    return articles


class StaffList(ReaderRequired, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form = StaffFilter(request.GET)
        context = {
            "filter": form,
            "page": paginate(request, _filtered(form)),
            "can_write": rights.may(request.user, "add", Article),
        }
        return render(request, "stories/staff/list.html", context, status=200 if form.is_valid() else 400)


class ArticleFormMixin(WriterRequired, SavingFormMixin):
    model = Article
    form_class = ArticleForm
    template_name: str | None = "stories/staff/form.html"
    success_url = reverse_lazy("stories:staff_list")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("stories:staff_list")
        # The body as readers will see it: what was typed (on a failed save) or what is stored, sanitised.
        context["preview"] = mark_safe(sanitize(context["form"]["body"].value() or ""))  # sanitised here
        return context


class ArticleCreate(ArticleFormMixin, CreateView):
    action = "add"

    def save(self, form: ArticleForm) -> Article:
        form.instance.author = self.request.user
        return form.save()

    def get_success_url(self) -> str:
        return reverse("stories:staff_edit", args=[self.object.pk])


class ArticleUpdate(ArticleFormMixin, UpdateView):
    def get_success_url(self) -> str:
        return reverse("stories:staff_edit", args=[self.object.pk])


class ArticleDelete(WriterRequired, DeleteView):
    model = Article
    template_name = "stories/staff/confirm_delete.html"
    success_url = reverse_lazy("stories:staff_list")

    def form_valid(self, form: Any) -> HttpResponse:
        self.object.delete()
        messages.success(self.request, _("Deleted “%(name)s”.") % {"name": self.object})
        return HttpResponseRedirect(self.success_url)
