"""The global change log, scoped like the records it describes."""

from typing import Any

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from ocop.core import scoping
from ocop.core.choices import Action, RoleKind, Source
from ocop.core.filters import apply_exact
from ocop.core.history import tracked_models
from ocop.core.models import ChangeLog
from ocop.core.views import paginate


def changelog_for(user: Any) -> QuerySet:
    qs = ChangeLog.objects.select_related("content_type", "user")
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    role = scoping.role_of(user)
    if role is None:
        return qs.none()
    if role.kind == RoleKind.PRODUCER:
        return qs.filter(producer_id=role.producer_id)
    query = Q(pk__in=[])
    for prefix in scoping.unit_prefixes(user) or []:
        query |= Q(unit_path__startswith=prefix)
    return qs.filter(query)


class ChangeLogFilter(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", _("All")), *Action.choices])
    source = forms.ChoiceField(label=_("Source"), required=False, choices=[("", _("All")), *Source.choices])
    user = forms.CharField(label=_("By (user name)"), required=False, max_length=150)
    group = forms.UUIDField(label=_("Request or job id"), required=False)
    since = forms.DateField(label=_("From"), required=False)
    until = forms.DateField(label=_("To"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = ContentType.objects.get_for_models(*tracked_models()).values()  # one query, not one per model
        self.fields["kind"].choices = [("", _("All"))] + [(str(ct.pk), ct.name) for ct in kinds]

    def apply(self, qs: QuerySet) -> QuerySet:
        lookups = {
            "kind": "content_type_id",
            "action": "action",
            "source": "source",
            "user": "user_label__iexact",
            "group": "group_id",
            "since": "at__date__gte",
            "until": "at__date__lte",
        }
        return apply_exact(qs, self.cleaned_data, lookups)


class ChangeLogList(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form = ChangeLogFilter(request.GET)
        qs = form.apply(changelog_for(request.user)) if form.is_valid() else ChangeLog.objects.none()
        return render(
            request,
            "core/changelog_list.html",
            {"filter": form, "page": paginate(request, qs, 50)},
            status=200 if form.is_valid() else 400,
        )


def object_visible(user: Any, entry: ChangeLog) -> bool:
    """The record the entry is about is in the user's scope now (its page shows its whole history)."""
    model = entry.content_type.model_class()
    manager = getattr(model, "objects", None)
    if manager is None or not hasattr(manager, "for_user"):
        return False
    return manager.for_user(user).filter(pk=entry.object_id).exists()


class ChangeLogDetail(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        entry = get_object_or_404(ChangeLog.objects.select_related("content_type", "user"), pk=pk)
        if not (changelog_for(request.user).filter(pk=pk).exists() or object_visible(request.user, entry)):
            raise Http404
        return render(request, "core/changelog_detail.html", {"entry": entry})
