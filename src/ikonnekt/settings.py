"""iKonnekt settings: one module, configured by environment variables (see README)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ikonnekt.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(envstr("IKONNEKT_DATA_DIR", str(BASE_DIR.parent.parent / "var")))

DEBUG = envbool("DEBUG", False)
# The development key is only accepted while DEBUG is on or in tests; check --deploy flags it.
DEV_SECRET_KEY = "django-insecure-ikonnekt-development-key-not-for-production-use-0123456789"  # noqa: S105 (development only, refused by check --deploy)
SECRET_KEY = envstr("SECRET_KEY", DEV_SECRET_KEY)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")

# Apps: one per goal area of the KONNEKT seed, all resting on core (sharing, audit, jobs).
IKONNEKT_APPS = [
    "ikonnekt.core",
    "ikonnekt.reference",
    "ikonnekt.accounts",
    "ikonnekt.organizations",
    "ikonnekt.cooperations",
    "ikonnekt.search",
    "ikonnekt.documents",
    "ikonnekt.administration",
    "ikonnekt.assessment",
    "ikonnekt.materials",
    "ikonnekt.energy",
    "ikonnekt.market",
    "ikonnekt.planning",
    "ikonnekt.knowledge",
    "ikonnekt.indicators",
    "ikonnekt.legal",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    *IKONNEKT_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ikonnekt.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ikonnekt.organizations.middleware.ActiveOrganisationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ikonnekt.urls"
WSGI_APPLICATION = "ikonnekt.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ikonnekt.core.context_processors.platform",
            ],
        },
    }
]

# Database: SQLite (WAL) by default, anything dj-database-url understands via DATABASE_URL.
DATABASE_URL = envstr("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": envstr("SQLITE_PATH", str(DATA_DIR / "ikonnekt.sqlite3")),
            "CONN_MAX_AGE": 600,
            "OPTIONS": {
                # IMMEDIATE avoids "database is locked" on lock upgrades under concurrent writers.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000; "
                    "PRAGMA foreign_keys=ON; PRAGMA cache_size=-20000; PRAGMA temp_store=MEMORY; "
                    "PRAGMA mmap_size=134217728;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "ikonnekt.accounts.backends.UsernameOrEmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling (django-axes): lock the account (whatever spelling reached it: user name or
# e-mail in any case, see accounts/throttle.py) and, separately, the source address.
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "ikonnekt.accounts.throttle.lockout_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLED = envbool("AXES_ENABLED", True)
# Password-reset mails: at most this many per account and per source address in the window.
PASSWORD_RESET_PER_ACCOUNT = envint("PASSWORD_RESET_PER_ACCOUNT", 3)
PASSWORD_RESET_PER_ADDRESS = envint("PASSWORD_RESET_PER_ADDRESS", 10)
PASSWORD_RESET_WINDOW_MINUTES = envint("PASSWORD_RESET_WINDOW_MINUTES", 60)

# Internationalisation: German first, English switchable.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(DATA_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": envstr("FILE_STORAGE", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
if envstr("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = envstr("AWS_STORAGE_BUCKET_NAME")
    AWS_S3_ENDPOINT_URL = envstr("AWS_S3_ENDPOINT_URL")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MAX_UPLOAD_MB = envint("MAX_UPLOAD_MB", 100)
# How stored files leave the server after the visibility check (ikonnekt.core.files):
# "django" streams them; "x-accel-redirect" (nginx) or "x-sendfile" (Apache/lighttpd) hand them
# to the web server in front. MEDIA_URL is never routed publicly.
FILE_SERVING = envstr("FILE_SERVING", "django")
if FILE_SERVING not in ("django", "x-accel-redirect", "x-sendfile"):
    raise ImproperlyConfigured("FILE_SERVING must be django, x-accel-redirect or x-sendfile.")
FILE_SERVING_INTERNAL_URL = envstr("FILE_SERVING_INTERNAL_URL", "/protected-media/")
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Mail: SMTP when EMAIL_HOST is set, a folder with EMAIL_FILE_PATH, otherwise the console. The
# console backend writes order confirmations and password-reset links into the server log, so
# `check --deploy` refuses it unless DEBUG or DEMO_MODE is on (core/checks.py, ikonnekt.E003).
EMAIL_HOST = envstr("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587)
    EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
elif envstr("EMAIL_FILE_PATH"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = envstr("EMAIL_FILE_PATH")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "iKonnekt <noreply@ikonnekt.invalid>")

# Background jobs: Celery when a broker is configured, otherwise the embedded runner
# (`ikonnekt run_jobs`, started by `make demo`). JOBS_EAGER runs a job right after commit.
CELERY_BROKER_URL = envstr("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = False
JOBS_EAGER = envbool("JOBS_EAGER", False)
JOBS_DAILY = envbool("JOBS_DAILY", True)  # deadline reminders and trash purge once a day
# DMS consume folder: files dropped into <DIR>/<organisation slug>/ are imported by a periodic job.
DOCUMENTS_CONSUME_DIR = envstr("DOCUMENTS_CONSUME_DIR", "")
DOCUMENTS_CONSUME_USER = envstr("DOCUMENTS_CONSUME_USER", "")  # recorded as the importer
DOCUMENTS_CONSUME_SECONDS = envint("DOCUMENTS_CONSUME_SECONDS", 60)

# Security: secure defaults, relaxed only when DEBUG is on.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
if envbool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = envlist("SILENCED_SYSTEM_CHECKS", [])
# A reverse proxy terminates TLS: these checks are answered by the proxy, not Django.
if not SECURE_SSL_REDIRECT and envbool("BEHIND_PROXY", False):
    SILENCED_SYSTEM_CHECKS += ["security.W008"]
if SECURE_HSTS_SECONDS == 0 and envbool("BEHIND_PROXY", False):
    SILENCED_SYSTEM_CHECKS += ["security.W004"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its "WWW-Authenticate: Bearer" makes bad credentials answer 401.
        "ikonnekt.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": [
        "ikonnekt.core.api_query.StrictFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "ikonnekt.core.api_query.NumberedPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "ikonnekt.core.api.exception_handler",
    # request bodies must be JSON objects (a bare list or number answers 400, not a 500)
    "DEFAULT_PARSER_CLASSES": [
        "ikonnekt.core.parsers.ObjectJSONParser",
        "ikonnekt.core.parsers.ObjectFormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_RATES": {"contact": "5/hour", "anon": "120/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "iKonnekt API",
    "DESCRIPTION": "Inter-municipal cooperation on a regional circular economy. "
    "Every endpoint applies the platform's sharing rule.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
    # The schema is generated and checked by tests/test_openapi.py (snapshot in docs/openapi.yaml),
    # not by `check --deploy` on every production start.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Background map tiles (e.g. a municipal WMTS/XYZ server). Empty: maps draw the administrative
# boundaries shipped with the app (static/ikonnekt/geo, BKG open data; core/boundaries.py), so the
# app works offline and sends no visitor data to third parties.
MAP_TILES_URL = envstr("MAP_TILES_URL", "")
WHITENOISE_MIMETYPES = {".geojson": "application/geo+json"}  # RFC 7946
MAP_TILES_ATTRIBUTION = envstr("MAP_TILES_ATTRIBUTION", "")
DEMO_MODE = envbool("DEMO_MODE", False)

# Legal pages and personal data (docs/operations.md, "Personal data"). The operator's name and
# address and a contact e-mail fill the templates of the statement, privacy notice and imprint.
LEGAL_OPERATOR = envstr("LEGAL_OPERATOR", "")
LEGAL_CONTACT_EMAIL = envstr("LEGAL_CONTACT_EMAIL", "")
# Retention (GDPR Art. 5(1)(e)), enforced daily by the job "legal.retention":
AUDIT_IP_RETENTION_DAYS = envint("AUDIT_IP_RETENTION_DAYS", 90)  # then the audit row loses its IP
LOGIN_LOG_RETENTION_DAYS = envint("LOGIN_LOG_RETENTION_DAYS", 90)  # sign-in log (axes) rows deleted
ORDER_RETENTION_YEARS = envint("ORDER_RETENTION_YEARS", 10)  # § 147 AO; shown in the privacy notice

DEMO_PASSWORD = "Konnekt-Demo-2026"  # noqa: S105 (published demo password, refused by check --deploy)
FORM_RENDERER = "ikonnekt.core.forms.FormRenderer"
