from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _

from ocop.core import panels, rights
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


class ProducerList(ScopedListView):
    model = Producer
    filter_class = ProducerFilter
    template_name = "registry/producer_list.html"
    select_related = ("commune__parent__parent",)

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().annotate(product_count=Count("products"))


class ProducerDetail(ScopedDetailView):
    model = Producer
    select_related = ("commune__parent__parent",)

    def get_queryset(self) -> QuerySet:
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
        user, producer = self.request.user, self.object
        # What one may do with the records the page lists, which all sit where the producer does.
        children = {
            kind: {action: rights.may(user, action, model(producer=producer)) for action in ("add", "change", "delete")}
            for kind, model in (("workforce", Workforce), ("linkage", Linkage), ("credential", Credential))
        }
        return {
            **super().get_context_data(**kwargs),
            "children": children,
            "can_add_product": rights.may(user, "add", Product(producer=producer)),
        }


class ProducerCreate(ScopedCreateView):
    model = Producer
    form_class = ProducerForm
    success_message = _("Producer saved.")


class ProducerUpdate(ScopedUpdateView):
    model = Producer
    form_class = ProducerForm
    success_message = _("Producer saved.")


class ProducerDelete(ScopedDeleteView):
    model = Producer
    success_url = reverse_lazy("registry:producer_list")
    protected_message = _("This producer still has products; delete or move them first.")


class ProductList(ScopedListView):
    model = Product
    filter_class = ProductFilter
    template_name = "registry/product_list.html"
    select_related = ("producer__commune__parent__parent", "product_set")

    def get_queryset(self) -> Any:
        return panels.annotate(super().get_queryset())  # the stars column, from the certificates app


class ProductDetail(ScopedDetailView):
    model = Product
    select_related = ("producer__commune__parent__parent", "product_set")

    def get_queryset(self) -> Any:
        return super().get_queryset().prefetch_related("photos", "credentials")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        photo = ProductPhoto(product=self.object)  # where the product's photos sit
        context["can_add_photo"] = rights.may(self.request.user, "add", photo)
        context["can_delete_photo"] = rights.may(self.request.user, "delete", photo)
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
    create: type[ChildCreateView] = type(
        f"{model.__name__}Create", (ChildCreateView,), {**attrs, "form_class": form_class}
    )
    update: type[ChildUpdateView] = type(
        f"{model.__name__}Update", (ChildUpdateView,), {**attrs, "form_class": form_class}
    )
    delete: type[ChildDeleteView] = type(f"{model.__name__}Delete", (ChildDeleteView,), attrs)
    return create.as_view(), update.as_view(), delete.as_view()


workforce_views = child_views(Workforce, WorkforceForm)
linkage_views = child_views(Linkage, LinkageForm)
credential_views = child_views(Credential, CredentialForm)
photo_views = child_views(ProductPhoto, PhotoForm, parent_model=Product, parent_field="product")
