"""The global change log, scoped like the records it describes."""

from typing import Any, cast

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from ocop.core.changes import visible_changes, with_fields
from ocop.core.choices import Action, Source
from ocop.core.filters import apply_exact
from ocop.core.history import tracked_models
from ocop.core.models import ChangeLog
from ocop.core.types import RequestUser
from ocop.core.views import paginate


def changelog_for(user: RequestUser) -> QuerySet:
    """The entries `user` may read (the rights table, through `ocop.core.changes`)."""
    return visible_changes(user)


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
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", _("All"))] + [
            (str(ct.pk), ct.name) for ct in kinds
        ]

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
        page = paginate(request, qs, 50)
        page.object_list = with_fields(page.object_list, request.user)
        return render(
            request,
            "core/changelog_list.html",
            {"filter": form, "page": page},
            status=200 if form.is_valid() else 400,
        )


class ChangeLogDetail(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        entry = get_object_or_404(changelog_for(request.user), pk=pk)  # an entry one may not read: 404
        return render(request, "core/changelog_detail.html", {"entry": with_fields([entry], request.user)[0]})
