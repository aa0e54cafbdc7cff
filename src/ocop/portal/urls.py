from django.urls import path

from ocop.portal import views, views_map, views_opendata, views_public, views_staff
from ocop.portal.sitemaps import sitemap_xml

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("san-pham/", views.catalogue, name="catalogue"),
    path("san-pham/<int:pk>/", views.product, name="product"),
    path("san-pham/<int:pk>/<str:slug>/", views.product, name="product"),
    path("chu-the/<int:pk>/", views.producer, name="producer"),
    path("chu-the/<int:pk>/<str:slug>/", views.producer, name="producer"),
    path("anh/<int:pk>/<int:width>/<str:stem>.jpg", views_public.photo, name="photo"),
    path("bao-cao-vi-pham/", views_public.report, name="report"),
    path("ngon-ngu/<str:code>/", views_public.language, name="language"),
    path("ban-do/", views_map.map_page, name="map"),
    path("ban-do/diem.geojson", views_map.points, name="map_points"),
    path("du-lieu-mo/", views_opendata.index, name="open_data"),
    path("du-lieu-mo/<str:name>.<str:fmt>", views_opendata.download, name="open_data_file"),
    path("robots.txt", views_public.robots, name="robots"),
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    path("staff/misuse/", views_staff.MisuseList.as_view(), name="misuse_list"),
    path("staff/misuse/<int:pk>/", views_staff.MisuseHandle.as_view(), name="misuse_handle"),
]
