"""Market pages: one list / add / edit / delete set per record type, built from the generic scoped views (a list's
columns are the record type's, market/columns.py, which its export and import share);
detail pages for events (with their participants), sales points (with their listings) and activities."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views import View

from ocop.core import files, rights
from ocop.core.types import AuthenticatedHttpRequest
from ocop.core.views import (
    ScopedCreateView,
    ScopedDeleteView,
    ScopedDetailView,
    ScopedListView,
    ScopedUpdateView,
    require,
)
from ocop.market import columns as market_columns
from ocop.market import filters, forms
from ocop.market.models import (
    Activity,
    ActivityFile,
    CommuneStatus,
    CraftVillage,
    Event,
    Listing,
    Participation,
    SalesPoint,
    Support,
)


class MarketHome(LoginRequiredMixin, View):
    """The market and programme records at a glance, each with its count in the user's scope."""

    SECTIONS = (
        ("market:event_list", _("Events"), Event),
        ("market:participation_list", _("Participations in events"), Participation),
        ("market:salespoint_list", _("Sales points and channels"), SalesPoint),
        ("market:listing_list", _("Listings"), Listing),
        ("market:craftvillage_list", _("Craft villages"), CraftVillage),
        ("market:communestatus_list", _("New-rural communes"), CommuneStatus),
        ("market:activity_list", _("Programme activities"), Activity),
        ("market:support_list", _("Support received"), Support),
    )

    def get(self, request: HttpRequest) -> HttpResponse:
        sections = [(url, label, model.objects.for_user(request.user).count()) for url, label, model in self.SECTIONS]
        return render(request, "market/home.html", {"sections": sections})


class Prefilled:
    """A new record's fields may be given in the link (?product=…, from a product's page)."""

    def get_initial(self) -> dict[str, Any]:
        return {key: value for key, value in self.request.GET.items() if key in self.get_form_class().base_fields}


def crud(model: Any, form: Any, name: str) -> dict[str, Any]:
    success = reverse_lazy(f"market:{name}_list")
    attrs = {"model": model, "form_class": form}
    create: type[ScopedCreateView] = type(f"{model.__name__}Create", (Prefilled, ScopedCreateView), attrs)
    update: type[ScopedUpdateView] = type(f"{model.__name__}Update", (ScopedUpdateView,), attrs)
    delete: type[ScopedDeleteView] = type(
        f"{model.__name__}Delete", (ScopedDeleteView,), {"model": model, "success_url": success}
    )
    # Visible is not editable (a national fair is seen by all, changed by the offices that hold it): the
    # generic views ask the rights table for "add", "change" and "delete".
    return {"create": create.as_view(), "update": update.as_view(), "delete": delete.as_view()}


class EventList(ScopedListView):
    model, filter_class, title = Event, filters.EventFilter, _("Events")
    select_related = ("unit",)
    export_name, add_url = "events", "market:event_add"
    columns = market_columns.EVENTS.page


class EventDetail(ScopedDetailView):
    model = Event
    select_related = ("unit", "proposed_by")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["participations"] = (
            Participation.objects.for_user(self.request.user)
            .filter(event=self.object)
            .select_related("producer")
            .prefetch_related("products")
        )
        context["can_change"] = rights.may(self.request.user, "change", self.object)
        # A producer account registers itself while registration is open (or for the event it proposed).
        producer = rights.acting_producer(self.request.user)
        context["can_register"] = rights.may(
            self.request.user, "add", Participation(event=self.object, producer=producer)
        ) and (producer is None or self.object.registration_open or self.object.proposed_by_id == producer.pk)
        return context


class SalesPointList(ScopedListView):
    model, filter_class, title = SalesPoint, filters.SalesPointFilter, _("Sales points and channels")
    select_related = ("unit",)
    export_name, add_url = "sales_points", "market:salespoint_add"
    columns = market_columns.SALES_POINTS.page


class SalesPointDetail(ScopedDetailView):
    model = SalesPoint
    select_related = ("unit", "producer")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["listings"] = (
            Listing.objects.for_user(self.request.user)
            .filter(sales_point=self.object)
            .select_related("product__producer")
        )
        context["can_change"] = rights.may(self.request.user, "change", self.object)
        context["can_list"] = rights.may(self.request.user, "add", Listing)
        return context


class ListingList(ScopedListView):
    model, filter_class, title = Listing, filters.ListingFilter, _("Listings")
    select_related = ("product__producer", "sales_point")
    export_name, add_url = "listings", "market:listing_add"
    columns = market_columns.LISTINGS.page


class ParticipationList(ScopedListView):
    model, filter_class, title = Participation, filters.ParticipationFilter, _("Participations in events")
    select_related = ("producer", "event")
    export_name, add_url = "participations", "market:participation_add"
    columns = market_columns.PARTICIPATIONS.page


class CommuneStatusList(ScopedListView):
    model, filter_class, title = CommuneStatus, filters.CommuneStatusFilter, _("New-rural communes")
    select_related = ("unit__parent",)
    export_name, add_url = "commune_statuses", "market:communestatus_add"
    columns = market_columns.COMMUNE_STATUSES.page


class CraftVillageList(ScopedListView):
    model, filter_class, title = CraftVillage, filters.CraftVillageFilter, _("Craft villages")
    select_related = ("unit",)
    export_name, add_url = "craft_villages", "market:craftvillage_add"
    columns = market_columns.CRAFT_VILLAGES.page


class ActivityList(ScopedListView):
    model, filter_class, title = Activity, filters.ActivityFilter, _("Programme activities")
    select_related = ("unit",)
    export_name, add_url = "activities", "market:activity_add"
    columns = market_columns.ACTIVITIES.page


class ActivityDetail(ScopedDetailView):
    model = Activity
    select_related = ("unit",)

    def get_queryset(self) -> Any:
        return super().get_queryset().prefetch_related("producers", "products__producer")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["supports"] = Support.objects.for_user(self.request.user).filter(activity=self.object)
        context["files"] = ActivityFile.objects.for_user(self.request.user).filter(activity=self.object)
        context["accept"] = files.DOCUMENT_ACCEPT
        context["can_change"] = rights.may(self.request.user, "change", self.object)
        return context


class SupportList(ScopedListView):
    model, filter_class, title = Support, filters.SupportFilter, _("Support received")
    select_related = ("producer", "activity")
    export_name, add_url = "supports", "market:support_add"
    columns = market_columns.SUPPORTS.page


event_views = crud(Event, forms.EventForm, "event")
participation_views = crud(Participation, forms.ParticipationForm, "participation")
salespoint_views = crud(SalesPoint, forms.SalesPointForm, "salespoint")
listing_views = crud(Listing, forms.ListingForm, "listing")
communestatus_views = crud(CommuneStatus, forms.CommuneStatusForm, "communestatus")
craftvillage_views = crud(CraftVillage, forms.CraftVillageForm, "craftvillage")
activity_views = crud(Activity, forms.ActivityForm, "activity")
support_views = crud(Support, forms.SupportForm, "support")


class ActivityFileAdd(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        activity = get_object_or_404(Activity.objects.for_user(request.user), pk=pk)
        require(request.user, "add", ActivityFile(activity=activity))
        form = forms.ActivityFileForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            ActivityFile.objects.create(
                activity=activity, file=upload, name=upload.name[:255], uploaded_by=request.user
            )
            messages.success(request, _("Evidence attached."))
        else:
            errors = " ".join(" ".join(map(str, e)) for e in form.errors.values())
            messages.error(request, _("Nothing was attached: %(errors)s") % {"errors": errors})
        return HttpResponseRedirect(activity.get_absolute_url())


class ActivityFileDownload(LoginRequiredMixin, View):
    """An activity's file goes to those the rights table lets view it, as a download."""

    def get(self, request: HttpRequest, pk: int, file_pk: int) -> HttpResponseBase:
        activity = get_object_or_404(Activity.objects.for_user(request.user), pk=pk)
        item = get_object_or_404(activity.files, pk=file_pk)
        return files.serve(request.user, item, item.file, item.name)
