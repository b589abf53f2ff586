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
# --- Reliability (issue 9; docs/performance.md "Database restart") ---
# With persistent connections (?conn_max_age=… in DATABASE_URL) a connection the database has
# closed (a restart, a failover) would fail the next request of every worker thread with a 500;
# checked before reuse, it is replaced instead. ?conn_health_checks=False in the URL turns it off.
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
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
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
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
    "planeval.audit",
    "planeval.reviews",   # issue 8: 第三方评估 and 典型案例
    "planeval.adjustments",   # issue 8: 规划调整 with versioned targets
    "planeval.surveys",   # issue 8: 问卷调查 and 人民建议征集
    "planeval.consultations",   # issue 10: 征求意见 on the draft report
    "planeval.reminders",   # issue 10: in-app and e-mail reminders of deadlines
    "planeval.congress",   # issue 10: 提请审议 package and its legal route
    "planeval.specialplans",   # issue 10: 专项规划评估 and its route
    "planeval.topics",   # issue 10: 专题评估
    "planeval.problems",   # issue 10: 问题清单 and 需上级支持事项
]

# Server-Timing headers tell how long each request took (benchmarks read them). They also tell
# an outsider how long a login or a lookup took, so production leaves them off unless asked.
SERVER_TIMING = env.bool("PLANEVAL_SERVER_TIMING", default=not PRODUCTION)

# Dashboard figures are cached until the next recorded data change (planeval/dashboards/cache.py);
# the time limit bounds what changes made outside the application can leave stale. 0: no cache.
PLANEVAL_FIGURE_CACHE_SECONDS = env.int("PLANEVAL_FIGURE_CACHE_SECONDS", default=300)

MIDDLEWARE = [
    "planeval.core.proxy.TrustedProxyMiddleware",
    *(["planeval.core.timing.ServerTimingMiddleware"] if SERVER_TIMING else []),
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "planeval.core.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Audit (等保 安全审计): every 403 and every download is recorded; separated admin roles
    # are confined to their pages (docs/audit.md).
    "planeval.audit.middleware.AuditMiddleware",
    "planeval.accounts.middleware.SeparatedAdminMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Identity (等保 身份鉴别): session limits, then the second-factor, forced-change and enrolment
    # gates. After messages, so that a timed-out user is told why.
    "planeval.accounts.gates.SessionLimitMiddleware",
    "planeval.accounts.gates.AccountGateMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns a login refused by django-axes into the Chinese lockout page; axes wants it last.
    "axes.middleware.AxesMiddleware",
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

# --- Identity controls (issue 9; 等保 8.1.4.1 身份鉴别, ASVS V2/V3; docs/security.md) ---
# django-axes first: it refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "planeval.accounts.backends.PlanevalBackend",
]
# Password policy: "dengbao" (length, three of four character classes, expiry, no reuse) or "asvs"
# (length only, no composition rules, no periodic expiry). The rules are planeval.domain.passwords.
PASSWORD_POLICY = env.str("PLANEVAL_PASSWORD_POLICY", default="dengbao")
if PASSWORD_POLICY not in ("dengbao", "asvs"):
    raise ImproperlyConfigured(f"PLANEVAL_PASSWORD_POLICY must be dengbao or asvs, not {PASSWORD_POLICY!r}")
PASSWORD_MAX_AGE_DAYS = env.int("PLANEVAL_PASSWORD_MAX_AGE_DAYS",
                                default=90 if PASSWORD_POLICY == "dengbao" else 0)
PASSWORD_HISTORY = env.int("PLANEVAL_PASSWORD_HISTORY", default=5 if PASSWORD_POLICY == "dengbao" else 0)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "planeval.accounts.validators.PasswordLengthValidator"},
    *([{"NAME": "planeval.accounts.validators.PasswordComplexityValidator"}]
      if PASSWORD_POLICY == "dengbao" else []),
    {"NAME": "planeval.accounts.validators.PersonalInformationValidator"},
    {"NAME": "planeval.accounts.validators.CommonPasswordValidator"},
    {"NAME": "planeval.accounts.validators.DemoPasswordValidator"},
    *([{"NAME": "planeval.accounts.validators.PasswordHistoryValidator"}] if PASSWORD_HISTORY else []),
]
# Lockout (django-axes): PLANEVAL_LOGIN_FAILURE_LIMIT failures within PLANEVAL_LOCKOUT_MINUTES lock
# the account name (known or not, so the reply tells nothing) and, separately, the address.
AXES_FAILURE_LIMIT = env.int("PLANEVAL_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("PLANEVAL_LOCKOUT_MINUTES", default=15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "planeval.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = False  # a correct password must not wipe an attacker's count for the address
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True  # logins and logouts are in the audit log (planeval.audit)
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "otp_token", "old_password",
                             "new_password1", "new_password2", "csrfmiddlewaretoken"]
# The address is REMOTE_ADDR; behind nginx, gunicorn sets it from the proxy (docs/deployment.md).
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
# Sessions: idle timeout and absolute limit, enforced server-side by planeval.accounts.gates.
IDLE_TIMEOUT_MINUTES = env.int("PLANEVAL_IDLE_TIMEOUT_MINUTES", default=30)
SESSION_MAX_HOURS = env.int("PLANEVAL_SESSION_MAX_HOURS", default=8)
# Second factor (TOTP) for the DRC and administrator roles; required of them when this is on.
TOTP_REQUIRED = env.bool("PLANEVAL_TOTP_REQUIRED", default=False)
OTP_TOTP_ISSUER = "planeval"
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
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated",
                                   "planeval.api.permissions.NotConfinedAdmin"],
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
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600  # the absolute limit; also enforced server-side
SESSION_COOKIE_SAMESITE = "Lax"
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

# --- Input and output controls (issue 9; docs/security.md): CSP, other headers, error pages ---
# Every script and style comes from our own static files: no 'unsafe-inline', no 'unsafe-eval'.
# ECharts sets element.style through the DOM, which style-src does not govern; htmx is told not
# to inject its indicator <style> (web/base.html). The API's Swagger UI and Redoc pages add a
# per-response nonce for their one inline script (planeval/api/docs.py), not a global exception.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
# Powerful browser features the platform never uses are switched off for every page.
PERMISSIONS_POLICY = ("accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
                      "magnetometer=(), microphone=(), midi=(), payment=(), usb=()")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "planeval.core.error_views.csrf_failure"
# Addresses of the reverse proxies (nginx) whose X-Real-IP header names the client (planeval/core/proxy.py).
PLANEVAL_TRUSTED_PROXIES = env.list("PLANEVAL_TRUSTED_PROXIES", default=[])

# --- The public's voice (issue 8; docs/surveys.md): limits of the anonymous questionnaire and
# suggestion forms. Counted per client address (IPv6: per /64) in fixed windows, in the database,
# so several app servers share one count; only a keyed hash of the address is kept, and only for
# the current window.
SURVEY_RATE_LIMIT = env.int("PLANEVAL_SURVEY_RATE_LIMIT", default=30)
SURVEY_RATE_WINDOW_MINUTES = env.int("PLANEVAL_SURVEY_RATE_WINDOW_MINUTES", default=60)
SUGGESTION_RATE_LIMIT = env.int("PLANEVAL_SUGGESTION_RATE_LIMIT", default=5)
# 征求意见 (issue 10): comments an outside reader's personal link may post per client address and
# window (the window is PLANEVAL_SURVEY_RATE_WINDOW_MINUTES); the link itself is the credential.
CONSULTATION_RATE_LIMIT = env.int("PLANEVAL_CONSULTATION_RATE_LIMIT", default=20)

# --- Reminders (issue 10; docs/configuration.md): `planeval send-reminders` (a daily systemd
# timer) reminds N working days before a deadline and on every working day once it is overdue.
# E-mail goes out only when PLANEVAL_REMINDER_EMAIL is on and an SMTP host is set.
REMINDER_DAYS_BEFORE = env.int("PLANEVAL_REMINDER_DAYS_BEFORE", default=3)
REMINDER_EMAIL = env.bool("PLANEVAL_REMINDER_EMAIL", default=False)
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env.str("PLANEVAL_EMAIL_HOST", default="")
EMAIL_PORT = env.int("PLANEVAL_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("PLANEVAL_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("PLANEVAL_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("PLANEVAL_EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("PLANEVAL_EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env.str("PLANEVAL_EMAIL_FROM", default="planeval@localhost")
# The address users open the platform at, so e-mailed links work (https://planeval.example.gov.cn).
REMINDER_SITE_URL = env.str("PLANEVAL_SITE_URL", default="")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("PLANEVAL_LOG_LEVEL", default="INFO")},
}
