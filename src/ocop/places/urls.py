from django.urls import path

from ocop.places import views

app_name = "places"

urlpatterns = [
    path("units/search/", views.UnitSearch.as_view(), name="unit_search"),
]
