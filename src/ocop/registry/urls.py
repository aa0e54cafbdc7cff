from django.urls import path

from ocop.registry import views

app_name = "registry"


def child_urls(prefix: str, parent: str, name: str, views_triple: tuple) -> list:
    create, update, delete = views_triple
    return [
        path(f"{parent}/<int:parent_pk>/{prefix}/add/", create, name=f"{name}_add"),
        path(f"{parent}/<int:parent_pk>/{prefix}/<int:pk>/edit/", update, name=f"{name}_edit"),
        path(f"{parent}/<int:parent_pk>/{prefix}/<int:pk>/delete/", delete, name=f"{name}_delete"),
    ]


urlpatterns = [
    path("producers/", views.ProducerList.as_view(), name="producer_list"),
    path("producers/add/", views.ProducerCreate.as_view(), name="producer_add"),
    path("producers/<int:pk>/", views.ProducerDetail.as_view(), name="producer_detail"),
    path("producers/<int:pk>/edit/", views.ProducerUpdate.as_view(), name="producer_edit"),
    path("producers/<int:pk>/delete/", views.ProducerDelete.as_view(), name="producer_delete"),
    path("products/", views.ProductList.as_view(), name="product_list"),
    path("products/add/", views.ProductCreate.as_view(), name="product_add"),
    path("products/<int:pk>/", views.ProductDetail.as_view(), name="product_detail"),
    path("products/<int:pk>/edit/", views.ProductUpdate.as_view(), name="product_edit"),
    path("products/<int:pk>/delete/", views.ProductDelete.as_view(), name="product_delete"),
    *child_urls("workforce", "producers", "workforce", views.workforce_views),
    *child_urls("linkages", "producers", "linkage", views.linkage_views),
    *child_urls("credentials", "producers", "credential", views.credential_views),
    *child_urls("photos", "products", "photo", views.photo_views),
]
