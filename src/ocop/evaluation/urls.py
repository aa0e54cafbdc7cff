from django.urls import path

from ocop.evaluation import views, views_central, views_dossiers, views_sessions

app_name = "evaluation"

urlpatterns = [
    path("criteria/", views.CriteriaIndex.as_view(), name="criteria"),
    path("criteria/<int:version_id>/sets/<int:set_number>/", views.BlankScoresheet.as_view(), name="blank_sheet"),
    path("dossiers/", views_dossiers.DossierList.as_view(), name="dossier_list"),
    path("dossiers/new/", views_dossiers.DossierOpen.as_view(), name="dossier_open"),
    path("dossiers/<int:pk>/", views_dossiers.DossierDetail.as_view(), name="dossier_detail"),
    path("dossiers/<int:pk>/self-assessment/", views_dossiers.SelfAssessment.as_view(), name="self_assessment"),
    path("dossiers/<int:pk>/evidence/", views_dossiers.EvidenceAdd.as_view(), name="evidence_add"),
    path("dossiers/<int:pk>/evidence/<int:evidence_pk>/", views_dossiers.EvidenceFile.as_view(), name="evidence_file"),
    path("dossiers/<int:pk>/act/<slug:action>/", views_dossiers.DossierAct.as_view(), name="dossier_act"),
    path("sessions/", views_sessions.SessionList.as_view(), name="session_list"),
    path("sessions/new/", views_sessions.SessionCreate.as_view(), name="session_new"),
    path("sessions/rounds/new/", views_sessions.RoundCreate.as_view(), name="round_new"),
    path("sessions/central/new/", views_central.CentralSessionCreate.as_view(), name="central_session_new"),
    path("sessions/rounds/central/new/", views_central.CentralRoundCreate.as_view(), name="central_round_new"),
    path("sessions/<int:pk>/", views_sessions.SessionDetail.as_view(), name="session_detail"),
    path("sessions/<int:pk>/act/<slug:action>/", views_sessions.SessionAct.as_view(), name="session_act"),
    path("sessions/<int:pk>/dossiers/<int:dossier_pk>/score/", views_sessions.ScoreDossier.as_view(), name="score"),
    path(
        "sessions/<int:pk>/dossiers/<int:dossier_pk>/score.pdf",
        views_sessions.ScoresheetPdf.as_view(),
        name="score_pdf",
    ),
    path("sessions/<int:pk>/minutes.<str:fmt>", views_sessions.Minutes.as_view(), name="minutes"),
]
