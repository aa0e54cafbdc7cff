from django.urls import path

from ocop.exchange import views, views_exports, views_jobs

app_name = "exchange"

urlpatterns = [
    path("imports/", views.ImportHome.as_view(), name="home"),
    path("jobs/", views_jobs.JobList.as_view(), name="jobs"),
    path("imports/<int:pk>/", views.ImportReport.as_view(), name="report"),
    path("imports/<int:pk>/again/", views.ImportAgain.as_view(), name="report_again"),
    path("imports/templates/<slug:kind>.xlsx", views.Template.as_view(), name="template"),
    path("exports/<slug:name>.<slug:fmt>", views_exports.ExportList.as_view(), name="export"),
    path("exports/<int:pk>/", views_exports.ExportStatus.as_view(), name="export_status"),
    path("exports/<int:pk>/file", views_exports.ExportDownload.as_view(), name="export_file"),
    path("exports/<int:pk>/again/", views_exports.ExportAgain.as_view(), name="export_again"),
]
