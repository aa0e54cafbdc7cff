from django.urls import path

from ocop.api import views

app_name = "webhooks"
urlpatterns = [
    path("webhooks/", views.DeliveryLog.as_view(), name="delivery_log"),
    path("webhooks/deliveries/<int:pk>/replay/", views.DeliveryReplay.as_view(), name="delivery_replay"),
]
