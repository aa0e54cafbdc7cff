from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from ocop.api.urls import api
from ocop.core import files, health, language, metrics
from ocop.core.throttle import LoginForm

handler500 = "ocop.core.outage.server_error"  # a database out of reach before any view: 503, not 500

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),  # also answered by core.middleware.ProbeMiddleware
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),  # not public: core/metrics.py
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/setlang/", language.set_language, name="set_language"),  # also remembers a signed-in choice
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("staff/", include("ocop.core.urls")),
    path("staff/", include("ocop.places.urls")),
    path("staff/", include("ocop.registry.urls")),
    path("staff/", include("ocop.evaluation.urls")),
    path("staff/", include("ocop.exchange.urls")),
    path("staff/market/", include("ocop.market.urls")),
    path("staff/monitoring/", include("ocop.monitoring.urls")),
    path("staff/", include("ocop.programme.urls")),
    path("staff/", include("ocop.api.staff_urls")),  # the webhooks' delivery log
    path("", include("ocop.stories.urls")),  # /tin-tuc/ (public) and /staff/stories/
    path("", include("ocop.certificates.urls")),
    path("", include("ocop.portal.urls")),
]
if settings.DEBUG or settings.OCOP_SERVE_MEDIA:
    # Product photos (re-encoded, random names), as downloads of their bytes' type. Behind a proxy on larger sites,
    # the proxy may serve MEDIA_ROOT/products/ instead (docs/deploy.md) — never the rest of MEDIA_ROOT: evidence
    # goes through its views and the rights table.
    urlpatterns += [re_path(r"^media/products/(?P<path>.+)$", files.media)]
