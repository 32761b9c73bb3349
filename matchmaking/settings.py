"""Settings for the matchmaking service.

Every value comes from the environment (see `.env.example`). With nothing set,
the embedded default applies: a SQLite file, Celery tasks run eagerly
in-process, e-mail printed to the console.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# The embedded default runs without a SECRET_KEY; a deployment must set one
# (`check --deploy` fails on this value).
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-embedded-default-do-not-deploy")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_countries",
    "django_filters",
    "django_htmx",
    "import_export",
    "rest_framework",
    "drf_spectacular",
    "django_celery_beat",
    "axes",
    "events",
    "accounts",
    "matchmaking",
    "matchmaking.outbox",
    "matchmaking.messaging",
    "matchmaking.privacy",
    "matchmaking.onboarding",
    "matchmaking.results",
    "matchmaking.onsite",
    "matchmaking.exhibition",
    "matchmaking.display",
    "matchmaking.agenda",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "matchmaking.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads the body: a 100 MB upload is a 413, not a stuck worker.
    "matchmaking.uploads.RequestSizeMiddleware",
    "matchmaking.display.middleware.PreferredLanguageMiddleware",
    "matchmaking.display.middleware.ConstraintErrorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it inspects the outcome of authentication.
    "axes.middleware.AxesMiddleware",
    # Refuses sign-ins from an address that failed on too many accounts.
    "accounts.lockout.AddressLockoutMiddleware",
]

ROOT_URLCONF = "matchmaking.urls"
WSGI_APPLICATION = "matchmaking.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions and a busy timeout turn concurrent writers into
    # waits instead of "database is locked" errors (see shared/NOTES.md).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not the shared-cache memory database: only a file gets SQLite's real
    # locking, which the concurrency tests exercise.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users and authentication --------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
# Lock on the account name and the address together, so one attacker cannot
# lock a victim out from everywhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.lockout.username_of"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# Password spraying (one try on each of many accounts) is counted per client address across
# all accounts: this many failures within the window make the address wait until the window
# ends; this many attempts block it for SIGN_IN_BLOCK_MINUTES (matchmaking/abuse.py).
SIGN_IN_FAILURES_SLOW = env.int("SIGN_IN_FAILURES_SLOW", default=20)
SIGN_IN_FAILURES_BLOCK = env.int("SIGN_IN_FAILURES_BLOCK", default=100)
SIGN_IN_FAILURE_WINDOW_MINUTES = env.int("SIGN_IN_FAILURE_WINDOW_MINUTES", default=30)
SIGN_IN_BLOCK_MINUTES = env.int("SIGN_IN_BLOCK_MINUTES", default=60)

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# Storage is UTC; this zone is only the fallback for pages that have no
# conference (each conference shows its own zone).
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Shanghai")

# --- Static and uploaded files -------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Without collectstatic (the embedded default), serve straight from the app folders.
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=DEBUG)
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Evidence files (contract letters): never under MEDIA_ROOT, served only through an
# access-checked view.
PRIVATE_STORAGE_ROOT = env.path("PRIVATE_STORAGE_ROOT", default=BASE_DIR / "private")
# Uploads (matchmaking/uploads.py): per kind, in MB; a door may take less (a logo: 2 MB).
UPLOAD_DOCUMENT_MAX_MB = env.float("UPLOAD_DOCUMENT_MAX_MB", default=10)
UPLOAD_IMAGE_MAX_MB = env.float("UPLOAD_IMAGE_MAX_MB", default=10)
# A request body above this is refused (413) before it is read.
MAX_REQUEST_MB = env.float("MAX_REQUEST_MB", default=25)
# Form fields other than files (Django's default, 2.5 MB, stated); files above this size
# go to a temporary file instead of memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}

# --- E-mail ---------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="matchmaking@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds before a silent mail server counts as a failed (and retried) attempt.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# Links in e-mails are rendered by workers, which have no request to take the host from.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Bulk mail leaves the outbox at this rate; other e-mail goes at once.
OUTBOX_RATE_PER_MINUTE = env.int("OUTBOX_RATE_PER_MINUTE", default=60)
# New messages between companies are e-mailed at most once per this many minutes and
# thread: the e-mail waits this long and then lists every message written meanwhile.
MESSAGE_EMAIL_INTERVAL_MINUTES = env.int("MESSAGE_EMAIL_INTERVAL_MINUTES", default=15)
# The privacy notice's version: company users are asked to accept it again when it changes.
PRIVACY_NOTICE_VERSION = env.str("PRIVACY_NOTICE_VERSION", default="2026-12")

# --- Onboarding -------------------------------------------------------------
# Days an invitation link stays valid.
INVITATION_DAYS = env.int("INVITATION_DAYS", default=14)
# Public application form: submissions per client address and hour (counted in the cache).
APPLICATION_RATE_PER_HOUR = env.int("APPLICATION_RATE_PER_HOUR", default=10)
# Hours the e-mail confirmation link of an application stays valid.
APPLICATION_CONFIRM_HOURS = env.int("APPLICATION_CONFIRM_HOURS", default=72)

# --- Celery ---------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
# Rate limits (API throttle, application form) count in the cache: per process by
# default; a shared one such as redis://127.0.0.1:6379/2 counts across workers. Not the
# broker's database: clearing the cache empties its whole database.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # With Redis away the counts are skipped, never a 500 (matchmaking/cache.py).
    CACHES["default"]["BACKEND"] = "matchmaking.cache.FailOpenRedisCache"
# Sessions are read from the cache and written through to the database: no query per
# request once cached. With several processes the cache must be shared (Redis): a
# per-process cache would serve one process's stale copy of a session another changed.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Without a broker the embedded default runs every task in-process.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=900)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Longer than the longest task, so Redis never hands a running task to a
    # second worker.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    # Job state lives in the database; this requeues runs whose worker died.
    "sweep-stale-schedule-runs": {"task": "matchmaking.sweep_stale_runs", "schedule": 60.0},
    # Import jobs the broker missed or whose worker died.
    "sweep-import-jobs": {"task": "accounts.sweep_import_jobs", "schedule": 300.0},
    "expire-meeting-requests": {"task": "matchmaking.expire_requests", "schedule": 600.0},
    # Deliveries the broker missed (a minute after they were due) and retries that are
    # overdue (their worker or the broker died).
    "retry-due-webhooks": {"task": "matchmaking.retry_due_webhooks", "schedule": 60.0},
    # E-mails the broker missed, retries that are due, and bulk mail at its rate.
    "sweep-outbox": {"task": "outbox.sweep", "schedule": 60.0},
    # Reminders, agendas for tomorrow and surveys; each is written once, however often.
    "send-scheduled-emails": {"task": "outbox.send_reminders", "schedule": 900.0},
    # Companies that took no part in a closed conference, past its retention period.
    "apply-retention": {"task": "privacy.apply_retention", "schedule": 86400.0},
    # Applications whose confirmation link expired unused, with their evidence.
    "discard-expired-applications": {"task": "onboarding.discard_expired_applications",
                                     "schedule": 86400.0},
}

# --- Logging --------------------------------------------------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # WeasyPrint reports every step of every PDF at INFO.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"},
                "fontTools": {"level": "WARNING"}},
}

# --- Security (effective when DEBUG is off) ------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- Third-party apps ------------------------------------------------------
IMPORT_EXPORT_USE_TRANSACTIONS = True
# Enterprise imports (admin and command): larger files are refused at once, before parsing.
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=10_000)
IMPORT_MAX_MB = env.int("IMPORT_MAX_MB", default=5)
# Above this many rows the admin checks and imports a file as a background job, with its
# percentage counted every IMPORT_PROGRESS_EVERY rows.
IMPORT_BACKGROUND_ROWS = env.int("IMPORT_BACKGROUND_ROWS", default=500)
IMPORT_PROGRESS_EVERY = env.int("IMPORT_PROGRESS_EVERY", default=100)
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Without these any staff user with a model's admin may import and export it; with them
# only holders of `<app>.import_<model>` / `<app>.export_<model>` (the organizers) may.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
COUNTRIES_FIRST = ["CN"]

# Invalid or unknown API keys per client address: slowed (429) after this many within the
# window, blocked for API_KEY_BLOCK_MINUTES after this many (matchmaking/abuse.py).
API_KEY_FAILURES_SLOW = env.int("API_KEY_FAILURES_SLOW", default=10)
API_KEY_FAILURES_BLOCK = env.int("API_KEY_FAILURES_BLOCK", default=50)
API_KEY_FAILURE_WINDOW_MINUTES = env.int("API_KEY_FAILURE_WINDOW_MINUTES", default=10)
API_KEY_BLOCK_MINUTES = env.int("API_KEY_BLOCK_MINUTES", default=60)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so an anonymous call gets 401 with `WWW-Authenticate: Bearer`.
        "matchmaking.api.auth.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["matchmaking.api.permissions.ApiCaller"],
    "DEFAULT_THROTTLE_CLASSES": ["matchmaking.api.throttling.PerKeyThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api": env.str("API_RATE_LIMIT", default="1200/min")},
    "DEFAULT_PAGINATION_CLASS": "matchmaking.api.pagination.Cursor",
    "DEFAULT_FILTER_BACKENDS": [
        "matchmaking.api.filters.SingleValueFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["matchmaking.api.parsers.TextJSONParser"],
    "EXCEPTION_HANDLER": "matchmaking.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Matchmaking API",
    "VERSION": "1.0.0",
    "DESCRIPTION": (
        "The partner API of the matchmaking service: conferences, the directory of approved "
        "enterprises, registrations, meeting requests, meetings, agendas, schedule runs and "
        "webhooks. Authenticate with `Authorization: Bearer mk_...`. Errors always read "
        '`{"error": {"code", "message", "fields"}}`. Lists use cursor pagination (`next`, '
        "`previous`). POSTs that create accept an `Idempotency-Key` header. Integration "
        "guide: docs/api.md."
    ),
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "ConferenceStatusEnum": "events.models.ConferenceStatus",
        "RegistrationStatusEnum": "accounts.models.RegistrationStatus",
        "RequestStatusEnum": "matchmaking.models.RequestStatus",
        "MeetingStatusEnum": "matchmaking.models.MeetingStatus",
        "RunStatusEnum": "matchmaking.models.RunStatus",
    },
    "SWAGGER_UI_SETTINGS": {"persistAuthorization": True},
}

# --- API --------------------------------------------------------------------
# Webhooks to loopback or private addresses are refused unless this is on (SSRF guard).
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = env.bool("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", default=DEBUG)
# Swagger UI's assets are served from this site (drf-spectacular-sidecar), not a CDN.
INSTALLED_APPS.append("drf_spectacular_sidecar")
SPECTACULAR_SETTINGS.update(SWAGGER_UI_DIST="SIDECAR", SWAGGER_UI_FAVICON_HREF="SIDECAR",
                            REDOC_DIST="SIDECAR")
