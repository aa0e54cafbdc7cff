from django.urls import path

from ocop.programme import views, views_national, views_reports

app_name = "programme"

urlpatterns = [
    path("plans/", views.PlanList.as_view(), name="plan_list"),
    path("plans/add/", views.PlanCreate.as_view(), name="plan_add"),
    path("plans/<slug:slug>/", views.Dashboard.as_view(), name="dashboard"),
    path("plans/<slug:slug>/targets/add/", views.TargetCreate.as_view(), name="target_add"),
    path("plans/<slug:slug>/tasks/", views.Tasks.as_view(), name="tasks"),
    path("plans/<slug:slug>/tasks/add/", views.TaskCreate.as_view(), name="task_add"),
    path("plans/<slug:slug>/tasks/<int:task_pk>/report/", views.TaskReportCreate.as_view(), name="task_report"),
    path("plans/<slug:slug>/indicators/<slug:code>/", views.IndicatorDetail.as_view(), name="indicator"),
    path("plans/<slug:slug>/report.<slug:fmt>", views_reports.ReportDownload.as_view(), name="report"),
    path("plans/<slug:slug>/provinces/", views_national.NationalDashboard.as_view(), name="national"),
    path(
        "plans/<slug:slug>/provinces/report.<slug:fmt>",
        views_national.NationalReport.as_view(),
        name="national_report",
    ),
]
