from django.urls import path

from ocop.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.InspectionList.as_view(), name="inspection_list"),
    path("plans/add/", views.PlanCreate.as_view(), name="plan_add"),
    path("plans/<int:pk>/", views.PlanDetail.as_view(), name="plan_detail"),
    path("plans/<int:pk>/edit/", views.PlanUpdate.as_view(), name="plan_edit"),
    path("inspections/add/", views.InspectionCreate.as_view(), name="inspection_add"),
    path("inspections/<int:pk>/", views.InspectionDetail.as_view(), name="inspection_detail"),
    path("inspections/<int:pk>/edit/", views.InspectionUpdate.as_view(), name="inspection_edit"),
    path("inspections/<int:pk>/items/<int:item_pk>/", views.ItemFinding.as_view(), name="item_finding"),
    path("inspections/<int:pk>/items/<int:item_pk>/files/", views.ItemFileAdd.as_view(), name="item_file_add"),
    path("inspections/<int:pk>/files/<int:file_pk>/", views.FindingFileDownload.as_view(), name="finding_file"),
    path("inspections/<int:pk>/decide/", views.InspectionDecide.as_view(), name="decide"),
    path("inspections/<int:pk>/remedied/", views.RemedyConfirm.as_view(), name="remedied"),
    path("inspections/<int:pk>/revoke/", views.CertificateRevoke.as_view(), name="revoke"),
]
