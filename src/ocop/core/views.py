"""Generic staff views. Each asks the rights table: the records one may view (`Model.objects.for_user`, so
anything else is 404), then the right to act on the record (`require`, 403 with the reason). Edits carry the
version they were read at; a stale save is refused with who changed the record and what (core/versions.py)."""

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db import IntegrityError, transaction
from django.db.models import Model, ProtectedError, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DeleteView, DetailView, UpdateView
from django.views.generic.detail import SingleObjectMixin
from django.views.generic.edit import CreateView, ModelFormMixin

from ocop.core import rights
from ocop.core.changes import with_fields
from ocop.core.history import history_for
from ocop.core.types import RequestUser, StrOrPromise
from ocop.core.versions import StaleEdit, VersionField, check_version, locked, refresh_version, version_of

REFUSALS = {
    "view": gettext_lazy("You may not see this record."),
    "add": gettext_lazy("Your role does not add records of this kind here."),
    "change": gettext_lazy("Your role can only read this record."),
    "delete": gettext_lazy("Your role does not delete this record."),
    "revoke": gettext_lazy("Only the authority that recognised this certificate revokes it."),
}


def require(user: RequestUser, action: str, obj: Model) -> None:
    """403 with the reason when the rights table refuses `action` on `obj` (a record the person may view)."""
    if not rights.may(user, action, obj):
        raise PermissionDenied(REFUSALS.get(action, gettext_lazy("Your role may not do this.")))


if TYPE_CHECKING:  # what the mixins below are mixed into, for the type checker

    class _FormViewBase(ModelFormMixin, View):
        template_name: str | None  # TemplateResponseMixin's, which the concrete views bring

    class _ChildViewBase(SingleObjectMixin, View): ...

else:
    _FormViewBase = _ChildViewBase = object


class StaffMixin(LoginRequiredMixin):
    model: Any  # a model class whose manager has `for_user` (the rights table's queryset)
    request: HttpRequest

    select_related: tuple[str, ...] = ()

    def get_queryset(self) -> QuerySet:
        qs = self.model.objects.for_user(self.request.user, "view")
        return qs.select_related(*self.select_related) if self.select_related else qs


class EditorMixin(StaffMixin):
    """Acting on a record needs the table's right (`action`): out of sight stays 404, a missing right is 403."""

    action = "change"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not rights.may(request.user, self.action, self.model):
            raise PermissionDenied(REFUSALS.get(self.action))
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset: QuerySet | None = None) -> Any:
        obj = super().get_object(queryset)  # type: ignore[misc]  # mixed into a SingleObjectMixin view
        require(self.request.user, self.action, obj)
        return obj


def paginate(request: HttpRequest, qs: QuerySet, per_page: int | None = None) -> Page:
    paginator = Paginator(qs, per_page or settings.OCOP_PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


class ScopedListView(StaffMixin, View):
    filter_class: Any
    template_name: str = "core/table_list.html"
    # For the generic table template: the page's title, its columns as (label, getter), the name of its
    # export (its app's exchange.py) and the URL name of its "add" page.
    title: Any = ""
    columns: tuple[tuple[Any, Any], ...] = ()
    export_name = ""
    add_url = ""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = self.filter_class(request.GET, user=request.user)
        qs = form.apply(self.get_queryset()) if form.is_valid() else self.get_queryset().none()
        context = {
            "filter": form,
            "page": paginate(request, qs),
            "can_add": rights.may(request.user, "add", self.model),
        }
        if self.columns:
            context.update(
                title=self.title,
                columns=[label for label, _get in self.columns],
                rows=[(obj, [get(obj) for _label, get in self.columns]) for obj in context["page"]],
                export=self.export_name,
                add_url=self.add_url if context["can_add"] else "",
            )
        context.update(self.extra_context(request))
        return render(request, self.template_name, context, status=200 if form.is_valid() else 400)

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {}


class ScopedDetailView(StaffMixin, DetailView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["history"] = with_fields(history_for(self.object)[:50], self.request.user)
        return context


class SavingFormMixin(_FormViewBase):
    """Saves in one transaction, on the version the form was read at; the right is checked on the values as
    saved too (a record moved out of one's scope is refused). A constraint that races past form validation
    becomes a form error."""

    success_message: StrOrPromise = ""
    action = "change"

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        instance = getattr(form, "instance", None)
        if instance is not None and instance.pk is not None:
            form.fields["version"] = VersionField()
            if not form.is_bound:
                form.initial["version"] = version_of(instance)
        return form

    def form_valid(self, form: Any) -> HttpResponse:
        if not rights.may(self.request.user, self.action, form.instance):
            form.add_error(None, _("You may not save this record here: it would lie outside your scope."))
            return self.form_invalid(form)
        try:
            with transaction.atomic():
                if form.instance.pk is not None:
                    check_version(locked(form.instance), form.cleaned_data.get("version"))
                self.object = self.save(form)
        except StaleEdit as error:
            form.add_error(None, error)
            refresh_version(form, form.instance)  # review, then save again on the record as it now is
            response = self.form_invalid(form)
            response.status_code = 409
            return response
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        except IntegrityError:
            form.add_error(None, _("The record conflicts with another one (duplicate or invalid value)."))
            return self.form_invalid(form)
        messages.success(self.request, self.success_message or _("Saved."))
        return HttpResponseRedirect(self.get_success_url())

    def save(self, form: Any) -> Any:
        return form.save()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj = getattr(self, "object", None)
        if obj is not None and obj.pk:
            context["heading"] = _("Edit: %(name)s") % {"name": obj}
            context["cancel_url"] = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
        else:
            context["heading"] = _("Add %(kind)s") % {"kind": self.model._meta.verbose_name}
            context["cancel_url"] = self.request.META.get("HTTP_REFERER", "/")
        return context


class ScopedCreateView(EditorMixin, SavingFormMixin, CreateView):
    template_name = "core/form.html"
    action = "add"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}


class ScopedUpdateView(EditorMixin, SavingFormMixin, UpdateView):
    template_name = "core/form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}


class ScopedDeleteView(EditorMixin, DeleteView):
    template_name = "core/confirm_delete.html"
    protected_message: StrOrPromise = ""
    action = "delete"

    def form_valid(self, form: Any) -> HttpResponse:
        success_url = self.get_success_url()
        back_url = getattr(self.object, "get_absolute_url", lambda: success_url)()
        try:
            with transaction.atomic():
                self.object.delete()
        except ProtectedError:
            messages.error(
                self.request,
                self.protected_message or _("This record is still in use and cannot be deleted."),
            )
            return HttpResponseRedirect(back_url)
        messages.success(self.request, _("Deleted “%(name)s”.") % {"name": self.object})
        return HttpResponseRedirect(success_url)


class ChildMixin(_ChildViewBase):
    """Views of records that belong to a producer (workforce, linkages…): scope comes from the producer."""

    parent_model: Any
    parent_field = "producer"

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().filter(**{f"{self.parent_field}_id": self.kwargs["parent_pk"]})

    def get_parent(self) -> Any:
        return get_object_or_404(self.parent_model.objects.for_user(self.request.user), pk=self.kwargs["parent_pk"])

    def get_success_url(self) -> str:
        return getattr(self.object, self.parent_field).get_absolute_url()  # type: ignore[attr-defined]  # set by the edit view


class ChildCreateView(ChildMixin, ScopedCreateView):
    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.model(**{self.parent_field: self.get_parent()})
        return kwargs


class ChildUpdateView(ChildMixin, ScopedUpdateView):
    pass


class ChildDeleteView(ChildMixin, ScopedDeleteView):
    pass
