"""Public pages under /tin-tuc/ and staff pages under /staff/stories/, one namespace: `stories`."""

from django.urls import path
from django.views.decorators.cache import cache_control

from ocop.stories import feeds, views_public, views_staff

app_name = "stories"

public_feed = cache_control(public=True, max_age=300)

urlpatterns = [
    path("tin-tuc/", views_public.article_list, name="list"),
    path("tin-tuc/rss/", public_feed(feeds.ArticleFeed()), name="rss"),
    path("tin-tuc/atom/", public_feed(feeds.AtomArticleFeed()), name="atom"),
    path("tin-tuc/anh/<int:pk>/<str:name>", views_public.cover, name="cover"),
    path("tin-tuc/<slug:slug>/", views_public.article_detail, name="detail"),
    path("staff/stories/", views_staff.StaffList.as_view(), name="staff_list"),
    path("staff/stories/new/", views_staff.ArticleCreate.as_view(), name="staff_add"),
    path("staff/stories/<int:pk>/", views_staff.ArticleUpdate.as_view(), name="staff_edit"),
    path("staff/stories/<int:pk>/delete/", views_staff.ArticleDelete.as_view(), name="staff_delete"),
]
