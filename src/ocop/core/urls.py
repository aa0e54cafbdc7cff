from django.urls import path

from ocop.core import views_accounts, views_history, views_home, views_notifications

app_name = "core"

urlpatterns = [
    path("", views_home.Home.as_view(), name="home"),
    path("history/", views_history.ChangeLogList.as_view(), name="changelog"),
    path("history/<int:pk>/", views_history.ChangeLogDetail.as_view(), name="changelog_detail"),
    path("notifications/", views_notifications.NotificationList.as_view(), name="notifications"),
    path("account/", views_accounts.AccountPage.as_view(), name="account"),
    path("account/tokens/<int:pk>/revoke/", views_accounts.TokenRevoke.as_view(), name="token_revoke"),
    path("accounts/locked/", views_accounts.LockedAccounts.as_view(), name="locked_accounts"),
    path("accounts/<int:pk>/unlock/", views_accounts.UnlockAccount.as_view(), name="account_unlock"),
]
