"""planeval settings: everything is here; deployments differ only by environment variables.

PLANEVAL_ENV            development (default) | demo | production
PLANEVAL_SECRET_KEY     required in production
PLANEVAL_ALLOWED_HOSTS  comma separated; defaults to loopback outside production
PLANEVAL_DEBUG          on by default in development only; refused in production
DATABASE_URL            defaults to an SQLite file under var/
"""
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("PLANEVAL_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

PLANEVAL_ENV = env.str("PLANEVAL_ENV", default="development")
ENVIRONMENTS = ("development", "demo", "production")
if PLANEVAL_ENV not in ENVIRONMENTS:
    raise ImproperlyConfigured(
        f"PLANEVAL_ENV must be one of {', '.join(ENVIRONMENTS)}, not {PLANEVAL_ENV!r}"
    )
PRODUCTION = PLANEVAL_ENV == "production"

# Development-only key: production refuses to start without its own.
_INSECURE_KEY = "planeval-insecure-development-key-never-use-in-production-0123456789"
SECRET_KEY = env.str("PLANEVAL_SECRET_KEY", default="")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("PLANEVAL_ENV=production requires PLANEVAL_SECRET_KEY")
    SECRET_KEY = _INSECURE_KEY

DEBUG = env.bool("PLANEVAL_DEBUG", default=PLANEVAL_ENV == "development")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("PLANEVAL_ENV=production refuses to start with PLANEVAL_DEBUG on")

ALLOWED_HOSTS = env.list(
    "PLANEVAL_ALLOWED_HOSTS",
    default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"],
)

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'planeval.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers continue while one writer commits; IMMEDIATE avoids
    # the deadlock-prone upgrade from a read to a write lock.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "planeval.accounts",
    "planeval.organizations",
    "planeval.planning",
    "planeval.monitoring",
    "planeval.campaigns",
    "planeval.assessment",
    "planeval.submissions",
    "planeval.reports",
    "planeval.dashboards",
    "planeval.exchange",
    "planeval.api",
    "planeval.demo",
    "planeval.web",
    "planeval.regions",
    "planeval.backup",
]

# Server-Timing headers tell how long each request took (benchmarks read them). They also tell
# an outsider how long a login or a lookup took, so production leaves them off unless asked.
SERVER_TIMING = env.bool("PLANEVAL_SERVER_TIMING", default=not PRODUCTION)

MIDDLEWARE = [
    *(["planeval.core.timing.ServerTimingMiddleware"] if SERVER_TIMING else []),
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "planeval.web.context_processors.shell",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["planeval.accounts.backends.PlanevalBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "planeval.accounts.validators.DemoPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"

# The password of the demo accounts. It opens them only when PLANEVAL_ENV=demo.
DEMO_PASSWORD = "planeval-demo-2023"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploads live outside the web root and are served only through views that check access.
MEDIA_ROOT = VAR_DIR / "uploads"
PLANEVAL_UPLOAD_MAX_BYTES = env.int("PLANEVAL_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background jobs (long exports) go through the database queue; run `planeval db_worker`.
# PLANEVAL_TASKS_IMMEDIATE=1 runs them inside the request instead (tests, single-process demos).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env.bool("PLANEVAL_TASKS_IMMEDIATE", default=False)
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}

# The REST API (/api/v1/, docs/api.md): a token per user or the browser session, nothing anonymous,
# JSON only, one error shape ({"detail": 中文, "code": …}) from planeval.api.errors.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "planeval.api.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "planeval.api.schema.ApiSchema",
    "EXCEPTION_HANDLER": "planeval.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "planeval API",
    "DESCRIPTION": "规划实施监测评估平台的数据接口。认证、分页、筛选和错误格式见 docs/api.md。",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and Redoc are served from the sidecar's static files: no CDN at run time.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ProjectStatusEnum": "planeval.planning.models.Project.Status",
        "CampaignStatusEnum": "planeval.campaigns.models.Campaign.Status",
        "RatingEnum": "planeval.submissions.models.RATING_CHOICES",
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("PLANEVAL_SESSION_SECONDS", default=8 * 3600)
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("PLANEVAL_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("PLANEVAL_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("PLANEVAL_LOG_LEVEL", default="INFO")},
}
