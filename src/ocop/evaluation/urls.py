from django.urls import path

from ocop.evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("criteria/", views.CriteriaIndex.as_view(), name="criteria"),
    path(
        "criteria/<int:version_id>/sets/<int:set_number>/",
        views.BlankScoresheet.as_view(),
        name="blank_sheet",
    ),
]
