"""Generic staff views: every one starts from `Model.objects.for_user(user)`; out of scope is 404."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DeleteView, DetailView, UpdateView
from django.views.generic.edit import CreateView

from ocop.core import scoping
from ocop.core.history import history_for


class StaffMixin(LoginRequiredMixin):
    model: Any
    select_related: tuple[str, ...] = ()

    def get_queryset(self) -> QuerySet:
        qs = self.model.objects.for_user(self.request.user)
        return qs.select_related(*self.select_related) if self.select_related else qs


class EditorMixin(StaffMixin):
    """Changing records needs an editing role; viewers get 403 on forms, out-of-scope stays 404."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not scoping.can_edit(request.user):
            raise PermissionDenied(_("Your role can only read."))
        return super().dispatch(request, *args, **kwargs)


def paginate(request: HttpRequest, qs: QuerySet, per_page: int | None = None) -> Any:
    paginator = Paginator(qs, per_page or settings.OCOP_PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


class ScopedListView(StaffMixin, View):
    filter_class: Any
    template_name: str = "core/table_list.html"
    # For the generic table template: the page's title, its columns as (label, getter), the name of its
    # export (exchange.lists) and the URL name of its "add" page.
    title: Any = ""
    columns: tuple[tuple[Any, Any], ...] = ()
    export_name = ""
    add_url = ""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = self.filter_class(request.GET, user=request.user)
        qs = form.apply(self.get_queryset()) if form.is_valid() else self.get_queryset().none()
        context = {"filter": form, "page": paginate(request, qs), "can_edit": scoping.can_edit(request.user)}
        if self.columns:
            context.update(
                title=self.title,
                columns=[label for label, _get in self.columns],
                rows=[(obj, [get(obj) for _label, get in self.columns]) for obj in context["page"]],
                export=self.export_name,
                add_url=self.add_url if context["can_edit"] else "",
            )
        context.update(self.extra_context(request))
        return render(request, self.template_name, context, status=200 if form.is_valid() else 400)

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {}


class ScopedDetailView(StaffMixin, DetailView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["history"] = history_for(self.object)[:50]
        context["can_edit"] = scoping.can_edit(self.request.user)
        return context


class SavingFormMixin:
    """Saves in one transaction; a constraint that races past form validation becomes a form error."""

    success_message = ""

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            with transaction.atomic():
                self.object = self.save(form)
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

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}


class ScopedUpdateView(EditorMixin, SavingFormMixin, UpdateView):
    template_name = "core/form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}


class ScopedDeleteView(EditorMixin, DeleteView):
    template_name = "core/confirm_delete.html"
    protected_message = ""

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


class ChildMixin:
    """Views of records that belong to a producer (workforce, linkages…): scope comes from the producer."""

    parent_model: Any
    parent_field = "producer"

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().filter(**{f"{self.parent_field}_id": self.kwargs["parent_pk"]})

    def get_parent(self) -> Any:
        return get_object_or_404(self.parent_model.objects.for_user(self.request.user), pk=self.kwargs["parent_pk"])

    def get_success_url(self) -> str:
        return getattr(self.object, self.parent_field).get_absolute_url()


class ChildCreateView(ChildMixin, ScopedCreateView):
    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.model(**{self.parent_field: self.get_parent()})
        return kwargs


class ChildUpdateView(ChildMixin, ScopedUpdateView):
    pass


class ChildDeleteView(ChildMixin, ScopedDeleteView):
    pass
