from django.urls import path

from ocop.certificates import views

app_name = "certificates"

urlpatterns = [
    path("staff/certificates/", views.CertificateList.as_view(), name="list"),
    path("staff/certificates/add/", views.CertificateCreate.as_view(), name="add"),
    path("staff/certificates/worklist/", views.Worklist.as_view(), name="worklist"),
    path("staff/certificates/<int:pk>/", views.CertificateDetail.as_view(), name="detail"),
    path("staff/certificates/<int:pk>/revoke/", views.CertificateRevoke.as_view(), name="revoke"),
    path("staff/certificates/<int:pk>/pdf/", views.CertificatePdf.as_view(), name="pdf"),
    path("staff/certificates/<int:pk>/decision.pdf", views.DecisionPdf.as_view(), name="decision_pdf"),
    path("verify/", views.verify_page, name="verify"),
    path("verify/<str:code>/", views.verify_page, name="verify_code"),
]
