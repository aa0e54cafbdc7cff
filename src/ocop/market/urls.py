from django.urls import path

from ocop.market import views

app_name = "market"


def crud_urls(prefix: str, name: str, crud: dict) -> list:
    return [
        path(f"{prefix}/add/", crud["create"], name=f"{name}_add"),
        path(f"{prefix}/<int:pk>/edit/", crud["update"], name=f"{name}_edit"),
        path(f"{prefix}/<int:pk>/delete/", crud["delete"], name=f"{name}_delete"),
    ]


urlpatterns = [
    path("", views.MarketHome.as_view(), name="home"),
    path("events/", views.EventList.as_view(), name="event_list"),
    path("events/<int:pk>/", views.EventDetail.as_view(), name="event_detail"),
    *crud_urls("events", "event", views.event_views),
    path("participations/", views.ParticipationList.as_view(), name="participation_list"),
    *crud_urls("participations", "participation", views.participation_views),
    path("sales-points/", views.SalesPointList.as_view(), name="salespoint_list"),
    path("sales-points/<int:pk>/", views.SalesPointDetail.as_view(), name="salespoint_detail"),
    *crud_urls("sales-points", "salespoint", views.salespoint_views),
    path("listings/", views.ListingList.as_view(), name="listing_list"),
    *crud_urls("listings", "listing", views.listing_views),
    path("new-rural/", views.CommuneStatusList.as_view(), name="communestatus_list"),
    *crud_urls("new-rural", "communestatus", views.communestatus_views),
    path("craft-villages/", views.CraftVillageList.as_view(), name="craftvillage_list"),
    *crud_urls("craft-villages", "craftvillage", views.craftvillage_views),
    path("activities/", views.ActivityList.as_view(), name="activity_list"),
    path("activities/<int:pk>/", views.ActivityDetail.as_view(), name="activity_detail"),
    path("activities/<int:pk>/files/", views.ActivityFileAdd.as_view(), name="activity_file_add"),
    path("activities/<int:pk>/files/<int:file_pk>/", views.ActivityFileDownload.as_view(), name="activity_file"),
    *crud_urls("activities", "activity", views.activity_views),
    path("support/", views.SupportList.as_view(), name="support_list"),
    *crud_urls("support", "support", views.support_views),
]
