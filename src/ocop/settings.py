"""Django settings. Everything that differs between machines comes from the environment (config.py)."""

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from ocop import config
from ocop.core import logs

PACKAGE_DIR = Path(__file__).resolve().parent
MODE = config.mode()
PRODUCTION = MODE == "production"
DATA_DIR = config.data_dir()

DEBUG = config.env_bool("DEBUG", default=MODE == "development")
if PRODUCTION:
    SECRET_KEY = config.env_str("SECRET_KEY")
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 random characters in production.")
    ALLOWED_HOSTS = config.env_list("ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names in production.")
else:
    SECRET_KEY = config.env_str("SECRET_KEY", "django-insecure-development-only-key-never-use-in-production")
    ALLOWED_HOSTS = config.env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = config.env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_tasks_db",
    "ninja",
    "axes",
    "ocop.core",
    "ocop.places",
    "ocop.registry",
    "ocop.evaluation",
    "ocop.certificates",
    "ocop.exchange",
    "ocop.market",
    "ocop.monitoring",
    "ocop.programme",
    "ocop.portal",
    "ocop.stories",
    "ocop.api",  # idempotency keys, webhooks
    "ocop.demo",  # `ocop demo`: above every app it loads
]

MIDDLEWARE = [
    "ocop.core.middleware.ProbeMiddleware",  # /healthz, /readyz, /metrics: before host checks and HTTPS redirects
    "ocop.core.metrics.MetricsMiddleware",  # every request but the probes, by route (core/metrics.py)
    "ocop.core.outage.DatabaseOutageMiddleware",  # a database out of reach: 503 and Retry-After, not a 500
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ocop.core.language.LanguageMiddleware",  # Vietnamese unless the person chose English
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After the language and the user are known (its 400 page is in the visitor's language), before any view.
    "ocop.core.middleware.RejectNullBytesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ocop.core.middleware.ChangeContextMiddleware",
    "ocop.api.idempotency.IdempotencyMiddleware",  # inside the change context: a replay writes nothing
    "axes.middleware.AxesMiddleware",  # turns a lockout found while logging in into the lockout page
]

ROOT_URLCONF = "ocop.urls"
WSGI_APPLICATION = "ocop.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "ocop.core.context_processors.notifications",
                "ocop.core.context_processors.site_url",
            ]
        },
    }
]

DATABASES = {"default": config.database(DATA_DIR / "ocop.sqlite3")}
# Shared state (docs/deploy.md): with REDIS_URL, every process of every node shares one cache, and sessions are
# read from it and written through to the database (so they outlive a Redis that stops).
CACHES = config.caches()
SHARED_CACHE = config.env_str("REDIS_URL", "") != ""
SESSION_ENGINE = "ocop.core.sessions" if SHARED_CACHE else "django.contrib.sessions.backends.db"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"  # things to do
LOGOUT_REDIRECT_URL = "login"

# Log-in throttling (django-axes, database handler; ocop/core/throttle.py). Failed log-ins are counted per account
# and per address; at the limit, further attempts (even with the right password) are refused until the lockout
# time has passed since the last failure, or an office unlocks the account. Bearer-token guesses count per address.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
OCOP_LOGIN_FAILURE_LIMIT = config.env_int("OCOP_LOGIN_FAILURE_LIMIT", 5, minimum=1, maximum=100)
OCOP_LOGIN_LOCKOUT_MINUTES = config.env_int("OCOP_LOGIN_LOCKOUT_MINUTES", 15, minimum=1, maximum=24 * 60)
# Reverse proxies in front that append the client's address to X-Forwarded-For; 0 trusts only the connection.
# The site's public address (https://ocop.example.vn): what printed QR codes, open-data files, the sitemap and the
# product pages' structured data link to, whatever Host a request names (core/site.py). Unset: the request's own
# address, as a development server needs; `ocop check --deploy` warns when it is unset in production.
OCOP_SITE_URL = config.env_site_url("OCOP_SITE_URL")
OCOP_BEHIND_PROXY = PRODUCTION and config.env_bool("OCOP_BEHIND_PROXY", True)
OCOP_PROXY_COUNT = config.env_int("OCOP_PROXY_COUNT", 1 if OCOP_BEHIND_PROXY else 0, minimum=0, maximum=5)
AXES_FAILURE_LIMIT = OCOP_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=OCOP_LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = "ocop.core.throttle.lockout_parameters"
AXES_CLIENT_IP_CALLABLE = "ocop.core.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "ocop.core.throttle.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a lockout lasts its time, however often one retries
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failure, with whether it locked the account out

# API tokens live this many days unless created with another lifetime (never longer from the staff page).
OCOP_API_TOKEN_DAYS = config.env_int("OCOP_API_TOKEN_DAYS", 90, minimum=1, maximum=3650)
# Webhooks go to public https addresses only; a test (or a closed network) may allow others (docs/api.md).
OCOP_WEBHOOK_ALLOW_HTTP = not PRODUCTION
OCOP_WEBHOOK_ALLOW_PRIVATE = config.env_bool("OCOP_WEBHOOK_ALLOW_PRIVATE", False)

# Vietnamese first, English available; dates are dd/mm/yyyy in both.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["ocop.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(config.env_str("STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(config.env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request when it is missing
STORAGES = {
    # Uploads and generated files: MEDIA_ROOT, or a store every node shares (docs/deploy.md, "Media").
    "default": {
        "BACKEND": config.env_str("OCOP_MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": config.env_json_object("OCOP_MEDIA_STORAGE_OPTIONS"),
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# Uploads: photos are checked, resized and re-encoded (registry/images.py); this bounds the request.
OCOP_MAX_PHOTO_BYTES = config.env_int("OCOP_MAX_PHOTO_BYTES", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = OCOP_MAX_PHOTO_BYTES + 1024 * 1024
OCOP_PAGE_SIZE = 25
# Exports and imports larger than these run in the worker (`ocop worker`) with a progress bar.
OCOP_EXPORT_SYNC_ROWS = config.env_int("OCOP_EXPORT_SYNC_ROWS", 5000)
OCOP_IMPORT_SYNC_BYTES = config.env_int("OCOP_IMPORT_SYNC_BYTES", 512 * 1024)
OCOP_REPORT_SYNC_UNITS = config.env_int("OCOP_REPORT_SYNC_UNITS", 40)  # review reports of bigger provinces: a job
# A worker silent this many seconds is taken for dead and its job run again once, or failed (exchange/reaper.py).
OCOP_WORKER_LOST_AFTER = config.env_int_between("OCOP_WORKER_LOST_AFTER", 60, 2, 3600)
# /readyz?strict (monitoring) fails when the oldest job waiting for a worker is older than this.
OCOP_READY_QUEUE_MAX_AGE = config.env_int("OCOP_READY_QUEUE_MAX_AGE", 300, minimum=1)
# /metrics (Prometheus): only from these addresses (a scraper on the node itself by default), or with the token.
OCOP_METRICS_ALLOW = config.env_networks("OCOP_METRICS_ALLOW", ["127.0.0.1", "::1"])
OCOP_METRICS_TOKEN = config.env_str("OCOP_METRICS_TOKEN", "")
# An open-data file built from an older catalogue is still served for this long while the worker builds the new one
# (portal/opendata_files.py); 0: a download after any change builds the file itself.
OCOP_OPEN_DATA_STALE_SECONDS = config.env_int("OCOP_OPEN_DATA_STALE_SECONDS", 900, minimum=0)
OCOP_SERVE_MEDIA = config.env_bool("OCOP_SERVE_MEDIA", True)

# Public portal. A product whose certificate expired or was revoked is "mark"ed as such, or "hide"-den.
# A misuse reporter's contact and hashed address are kept this long, then dropped by the worker's daily run.
OCOP_MISUSE_CONTACT_DAYS = config.env_int("OCOP_MISUSE_CONTACT_DAYS", 365, minimum=1, maximum=3650)
OCOP_PORTAL_LAPSED = config.env_str("OCOP_PORTAL_LAPSED", "mark")
if OCOP_PORTAL_LAPSED not in {"mark", "hide"}:
    raise ImproperlyConfigured("OCOP_PORTAL_LAPSED must be 'mark' or 'hide'.")
# Map tiles for the portal's map, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png; empty: points only.
# Rendered public pages are kept this many seconds for anonymous visitors (portal/page_cache.py); 0: never.
OCOP_PAGE_CACHE_SECONDS = config.env_int("OCOP_PAGE_CACHE_SECONDS", 60)
OCOP_MAP_TILES = config.env_str("OCOP_MAP_TILES", "")
OCOP_MAP_ATTRIBUTION = config.env_str("OCOP_MAP_ATTRIBUTION", "© OpenStreetMap")

# Content Security Policy (Django's own middleware): no inline scripts, nothing framed, only our origin
# (and the configured tile server). Inline style attributes stay allowed for the SVG charts.
_TILE_ORIGIN = "/".join(OCOP_MAP_TILES.split("/")[:3]) if OCOP_MAP_TILES.startswith("http") else None
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", *([_TILE_ORIGIN] if _TILE_ORIGIN else [])],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

if PRODUCTION:
    SECURE_SSL_REDIRECT = config.env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = config.env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = config.env_bool("SECURE_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if OCOP_BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SILENCED_SYSTEM_CHECKS = ["security.W021"] if not SECURE_HSTS_PRELOAD else []

# Email: reminders and notices. Development prints them; production sends through SMTP.
_SMTP = "django.core.mail.backends.smtp.EmailBackend"
_MAIL_BACKEND = config.env_str(
    "EMAIL_BACKEND", _SMTP if PRODUCTION else "django.core.mail.backends.console.EmailBackend"
)
MAILERS = {
    "default": {
        "BACKEND": _MAIL_BACKEND,
        "OPTIONS": {
            "host": config.env_str("EMAIL_HOST", "localhost"),
            "port": config.env_int("EMAIL_PORT", 25),
            "username": config.env_str("EMAIL_HOST_USER", ""),
            "password": config.env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": config.env_bool("EMAIL_USE_TLS", False),
        }
        if _MAIL_BACKEND == _SMTP
        else {},
    }
}
DEFAULT_FROM_EMAIL = config.env_str("DEFAULT_FROM_EMAIL", "ocop@localhost")

# Plain lines, or one JSON object per line with the request id (LOG_FORMAT=json, core/logs.py).
LOG_FORMAT = config.env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured("LOG_FORMAT must be 'text' or 'json'.")
LOGGING = logs.logging_config(LOG_FORMAT, config.env_str("LOG_LEVEL", "INFO"))
