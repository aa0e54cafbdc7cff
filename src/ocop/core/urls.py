from django.urls import path

from ocop.core import views_history, views_home, views_notifications

app_name = "core"

urlpatterns = [
    path("", views_home.Home.as_view(), name="home"),
    path("history/", views_history.ChangeLogList.as_view(), name="changelog"),
    path("history/<int:pk>/", views_history.ChangeLogDetail.as_view(), name="changelog_detail"),
    path("notifications/", views_notifications.NotificationList.as_view(), name="notifications"),
]
