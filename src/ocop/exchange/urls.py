from django.urls import path

from ocop.exchange import views

app_name = "exchange"

urlpatterns = [
    path("imports/", views.ImportHome.as_view(), name="home"),
    path("imports/<int:pk>/", views.ImportReport.as_view(), name="report"),
    path("imports/templates/<slug:kind>.xlsx", views.Template.as_view(), name="template"),
]
