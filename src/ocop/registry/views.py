from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _

from ocop.certificates.queries import current_certificate, with_current_stars
from ocop.core import scoping
from ocop.core.views import (
    ChildCreateView,
    ChildDeleteView,
    ChildUpdateView,
    ScopedCreateView,
    ScopedDeleteView,
    ScopedDetailView,
    ScopedListView,
    ScopedUpdateView,
)
from ocop.market.queries import market_of_producer, market_of_product
from ocop.registry.filters import ProducerFilter, ProductFilter
from ocop.registry.forms import (
    CredentialForm,
    LinkageForm,
    PhotoForm,
    ProducerForm,
    ProductForm,
    WorkforceForm,
)
from ocop.registry.models import (
    Credential,
    Linkage,
    Producer,
    ProducerAddress,
    Product,
    ProductPhoto,
    Workforce,
)


class ProducerManagerMixin:
    """Creating and deleting producers is for the offices; producer accounts edit only their own."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not scoping.can_manage_producers(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ProducerList(ScopedListView):
    model = Producer
    filter_class = ProducerFilter
    template_name = "registry/producer_list.html"
    select_related = ("commune__parent__parent",)

    def get_queryset(self) -> Any:
        return super().get_queryset().annotate(product_count=Count("products"))

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"can_create": scoping.can_manage_producers(request.user)}


class ProducerDetail(ScopedDetailView):
    model = Producer
    select_related = ("commune__parent__parent",)

    def get_queryset(self) -> Any:
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("products", queryset=Product.objects.select_related("product_set")),
                Prefetch("addresses", queryset=ProducerAddress.objects.select_related("commune__parent__parent")),
                "workforce",
                "linkages",
                Prefetch("credentials", queryset=Credential.objects.select_related("product")),
            )
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "can_manage": scoping.can_manage_producers(self.request.user),
            **market_of_producer(self.object),
        }


class ProducerCreate(ProducerManagerMixin, ScopedCreateView):
    model = Producer
    form_class = ProducerForm
    success_message = _("Producer saved.")


class ProducerUpdate(ScopedUpdateView):
    model = Producer
    form_class = ProducerForm
    success_message = _("Producer saved.")


class ProducerDelete(ProducerManagerMixin, ScopedDeleteView):
    model = Producer
    success_url = reverse_lazy("registry:producer_list")
    protected_message = _("This producer still has products; delete or move them first.")


class ProductList(ScopedListView):
    model = Product
    filter_class = ProductFilter
    template_name = "registry/product_list.html"
    select_related = ("producer__commune__parent__parent", "product_set")

    def get_queryset(self) -> Any:
        return with_current_stars(super().get_queryset())


class ProductDetail(ScopedDetailView):
    model = Product
    select_related = ("producer__commune__parent__parent", "product_set", "catalogue_entry")

    def get_queryset(self) -> Any:
        return super().get_queryset().prefetch_related("photos", "credentials", "certificates")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["certificate"] = current_certificate(self.object.pk)
        context.update(market_of_product(self.object))
        return context


class ProductCreate(ScopedCreateView):
    model = Product
    form_class = ProductForm
    success_message = _("Product saved.")

    def get_initial(self) -> dict[str, Any]:
        return {"producer": self.request.GET.get("producer")}


class ProductUpdate(ScopedUpdateView):
    model = Product
    form_class = ProductForm
    select_related = ("producer",)
    success_message = _("Product saved.")


class ProductDelete(ScopedDeleteView):
    model = Product

    def get_success_url(self) -> str:
        return reverse("registry:product_list")


def child_views(model: Any, form_class: Any, parent_model: Any = Producer, parent_field: str = "producer") -> tuple:
    """Create/update/delete views for a record that belongs to a producer or product."""
    attrs = {"model": model, "parent_model": parent_model, "parent_field": parent_field}
    create = type(f"{model.__name__}Create", (ChildCreateView,), {**attrs, "form_class": form_class})
    update = type(f"{model.__name__}Update", (ChildUpdateView,), {**attrs, "form_class": form_class})
    delete = type(f"{model.__name__}Delete", (ChildDeleteView,), attrs)
    return create.as_view(), update.as_view(), delete.as_view()


workforce_views = child_views(Workforce, WorkforceForm)
linkage_views = child_views(Linkage, LinkageForm)
credential_views = child_views(Credential, CredentialForm)
photo_views = child_views(ProductPhoto, PhotoForm, parent_model=Product, parent_field="product")
