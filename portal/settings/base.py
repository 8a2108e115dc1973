"""Settings shared by every environment. Values that differ per deployment come from the environment."""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PORTAL_DIR = BASE_DIR / "portal"
VAR_DIR = BASE_DIR / "var"  # embedded dev state: SQLite file, broker folders, media, caches

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional local overrides; absent in CI

SECRET_KEY = env("SECRET_KEY", default="insecure-dev-only-key-change-me-in-production-please-0123456789")
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])  # key rotation
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "core",
    "residents",
    "repairs",
    "feedback",
    "committee",
    "portal",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",  # listed once: Wagtail's template already has it
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # Wagtail's search backend needs it on PostgreSQL; inert on SQLite
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.middleware.CSPPathOverrideMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "residents.middleware.SessionTimeoutMiddleware",
    "residents.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PORTAL_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "residents.context_processors.roles",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'linli.sqlite3'}")}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default has a web server, a worker and beat writing to one file: transactions take the write
    # lock when they begin (a deferred one upgrading under contention fails at once with "database is locked"),
    # and a writer waits up to 20 s for another to finish.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default=f"filecache://{VAR_DIR / 'cache'}")}

# --- Authentication -------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # must come first to count and block failures
    "residents.auth_backends.PhoneOrEmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # verifies legacy hashes, upgrades them on login
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "account-login"
LOGIN_REDIRECT_URL = "home-dashboard"
LOGOUT_REDIRECT_URL = "account-login"

# django-axes: lock the username+IP pair after 5 failures for an hour (SECURITY.md §5.13)
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "residents.auth_backends.lockout_key"  # every spelling of a phone/email: one counter
AXES_LOCKOUT_CALLABLE = "core.views.lockout_response"

# Session lifetime: absolute limit here; idle limits enforced by core.middleware.SessionTimeoutMiddleware.
SESSION_COOKIE_AGE = int(timedelta(days=30).total_seconds())
LINLI_SESSION_LIMITS = {
    # role class: (idle seconds, absolute seconds)
    "staff": (30 * 60, 12 * 3600),
    "resident": (7 * 86400, 30 * 86400),
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

OTP_TOTP_ISSUER = "Linli"

# --- Internationalisation ---------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))  # collectstatic writes here
STATICFILES_DIRS = [PORTAL_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Residents' photos live here, outside MEDIA_ROOT, and are streamed only by views that check access.
LINLI_PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Upload limits guard memory (CVE-2023-24580); the reverse proxy sets its own body limit too.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000  # Wagtail's page editor posts many fields
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
LINLI_IMPORT_MAX_BYTES = 20 * 1024 * 1024

# --- Email (Django 6.1 MAILERS replaces EMAIL_BACKEND) ---------------------------------------------
MAILERS = {
    "default": {
        "BACKEND": env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"),
        "OPTIONS": {},
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Linli <noreply@linli.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
LINLI_SMS_BACKEND = env("SMS_BACKEND", default="core.channels.sms.ConsoleSmsBackend")

# --- REST API ---------------------------------------------------------------------------------------
# Under /api/ and /open311/ a CSRF refusal answers JSON, like the API's 404 and 500 (core.views).
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes "not signed in" a 401, not a 403 (SECURITY.md §5.14).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Default deny: DRF's own default is AllowAny.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exceptions.exception_handler",
    "DEFAULT_FILTER_BACKENDS": ["core.api.filters.FilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.ScopedRateThrottle",
        "core.limits.WriteLimit",  # per-user limits on what residents file; shared with the web forms
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("THROTTLE_ANON", default="60/min"),
        "user": env("THROTTLE_USER", default="600/min"),
        "auth": env("THROTTLE_AUTH", default="10/min"),
        "claims": env("THROTTLE_CLAIMS", default="20/hour"),
        "imports": env("THROTTLE_IMPORTS", default="30/hour"),
        "open311": env("THROTTLE_OPEN311", default="120/min"),  # per Open311 API key (per address without one)
        # per address before the key is checked (bad keys included); above "open311" so one client per address fits
        "open311_address": env("THROTTLE_OPEN311_ADDRESS", default="300/min"),
        # Per-user abuse limits (SECURITY.md §5.16), counted together for the API and the web forms (core/limits.py).
        # Set well above an honest household's worst hour so only floods and scripts meet them: after a burst pipe
        # a resident may report a handful of faults (kitchen, bathroom, ceiling, the neighbour's wall) and needs
        # perhaps a dozen photos; feedback is rarer and each item is read by a person within a day.
        # Residents' endpoints only: staff filing on a caller's behalf (/staff/... and the staff pages) are
        # accountable, audited employees and keep just the global "user" rate, so a busy phone line is never blocked.
        "repair_reports": env("THROTTLE_REPAIR_REPORTS", default="20/hour"),
        "photo_uploads": env("THROTTLE_PHOTO_UPLOADS", default="60/hour"),
        "feedback": env("THROTTLE_FEEDBACK", default="10/hour"),  # complaints, suggestions and praise
    },
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Linli API",
    "DESCRIPTION": "Resident-relations portal: estates, residents, repairs, feedback and the owners' committee.",
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PREPROCESSING_HOOKS": ["core.api.schema.only_linli_api"],  # Wagtail's admin API stays out
    # The shared error shape on every operation, so clients and the schema fuzz (tests/security) know each 4xx.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.document_error_responses",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",  # served by the app: no CDN
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "WorkOrderStatusEnum": "repairs.workflow.STATUS_CHOICES",
        "RepairChannelEnum": "repairs.models.Channel",
        "RepairPriorityEnum": "repairs.models.Priority",  # also Open311's linli_priority
        "ClaimStatusEnum": "residents.models.UnitClaim.Status",
        "NotificationChannelEnum": "core.models.Channel",
        "IncidentKindEnum": "repairs.models.Incident.Kind",
        "IncidentStatusEnum": "repairs.models.Incident.STATUSES",
        "ComplaintStatusEnum": "feedback.complaints.workflow.STATUS_CHOICES",
        "ComplaintKindEnum": "feedback.complaints.models.Kind",
        "ComplaintRouteEnum": "feedback.complaints.models.Addressee",  # addressee and route share the choices
        "CampaignStatusEnum": "feedback.campaigns.models.Campaign.Status",
        "InstrumentStatusEnum": "feedback.models.Instrument.Status",
        "VoteStatusEnum": "committee.votes.models.Motion.Status",
        "SupervisionStatusEnum": "committee.supervision.workflow.STATUS_CHOICES",
        "SupervisionAboutEnum": "committee.supervision.models.Subject",
        "QualityReportStatusEnum": "committee.reports.workflow.STATUS_CHOICES",
        "DisclosureKindEnum": "committee.disclosures.models.Kind",
        "DisclosureStatusEnum": "committee.disclosures.models.Disclosure.Status",
        "CommitteeMeetingStatusEnum": "committee.meetings.workflow.STATUS_CHOICES",
        "MeetingVoteChoiceEnum": "committee.meetings.models.Choice",
        "BallotChoiceEnum": "committee.votes.models.ChoiceField",
        "DeletionRequestStatusEnum": "residents.mydata.models.DeletionRequest.Status",
        "NoticeKindEnum": "portal.notices.models.NoticePage.Kind",
    },
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
}

# --- Celery -------------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
BROKER_DIR = Path(env("CELERY_FILESYSTEM_BROKER_DIR", default=str(VAR_DIR / "broker")))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # filesystem transport (dev): one folder shared by the web server, worker and beat
    "data_folder_in": str(BROKER_DIR / "out"),
    "data_folder_out": str(BROKER_DIR / "out"),
    "processed_folder": str(BROKER_DIR / "processed"),
    "control_folder": str(BROKER_DIR / "control"),
    "store_processed": False,
    # redis: must exceed the longest task runtime, or acks_late tasks run again (celery#5306)
    "visibility_timeout": 3600,
}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # our tasks are idempotent; see core/outbox.py
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Task modules inside feature packages, which autodiscovery (each app's tasks.py) does not reach
CELERY_IMPORTS = ["feedback.complaints.tasks", "committee.votes.tasks", "portal.notices.tasks"]

# --- Wagtail --------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "邻里 Linli"
WAGTAILADMIN_BASE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "xlsx", "docx", "csv", "txt"]
WAGTAIL_I18N_ENABLED = False

# --- Security headers (production tightens these further) ---------------------------------------
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],  # Wagtail admin uses inline styles
    "img-src": [CSP.SELF, "data:"],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
LINLI_CSP_PATH_OVERRIDES = {
    "/cms/": {**SECURE_CSP, "script-src": [CSP.SELF, CSP.UNSAFE_INLINE]},
}
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no calls to an outside avatar service
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Linli ------------------------------------------------------------------------------------
LINLI_PRIVACY_NOTICE_VERSION = "2026-11"
LINLI_SCHEMA_PUBLIC = False  # schema and docs need a signed-in staff user unless True (dev)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
AUTH_USER_MODEL = "residents.User"

# The beat schedule lives here, and only here.
CELERY_BEAT_SCHEDULE = {
    # committee: supervision items past their deadline escalate once per deadline (idempotent)
    "committee-escalate-overdue-supervision": {
        "task": "committee.tasks.escalate_overdue_supervision",
        "schedule": 15 * 60.0,
        "options": {"expires": 14 * 60},
    },
    # Wagtail's scheduled publishing (go_live_at / expire_at): a notice goes live, and its residents are told,
    # within a minute of its start. The command is idempotent; expires drops runs queued while workers were down.
    "portal-publish-scheduled-pages": {
        "task": "portal.notices.tasks.publish_scheduled_pages",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    "relay-pending-outbox": {"task": "core.tasks.relay_pending_outbox", "schedule": 60.0},
    "close-due-owner-votes": {"task": "committee.votes.tasks.motions_close_due", "schedule": 300.0},
    # expires: a run queued while workers were down is dropped, not stacked; the next one covers it
    "repairs-sweep-escalations": {
        "task": "repairs.tasks.sweep_escalations",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    "repairs-auto-confirm-completed": {
        "task": "repairs.tasks.auto_confirm_completed",
        "schedule": 15 * 60.0,
        "options": {"expires": 14 * 60},
    },
    "repairs-close-confirmed": {
        "task": "repairs.tasks.close_confirmed",
        "schedule": 15 * 60.0,
        "options": {"expires": 14 * 60},
    },
    "repairs-relay-incident-announcements": {
        "task": "repairs.tasks.relay_incident_announcements",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    # 05:30 Asia/Shanghai (CELERY_TIMEZONE): planned orders are waiting when the day shift starts. A missed run
    # is harmless: the next one catches up (repairs/maintenance/recurrence.py, due_now).
    "repairs-generate-maintenance-orders": {
        "task": "repairs.tasks.generate_maintenance_orders",
        "schedule": crontab(hour=5, minute=30),
        "options": {"expires": 6 * 60 * 60},
    },
    # Reminders go out in daytime hours only: nobody should be woken to rate a repair
    "feedback-remind-surveys": {
        "task": "feedback.tasks.remind_surveys",
        "schedule": crontab(minute=15, hour="9-20"),
        "options": {"expires": 50 * 60},
    },
    # Surveys after repairs go out in daytime hours too; the fatigue cap is applied per household on each run
    "feedback-dispatch-repair-surveys": {
        "task": "feedback.tasks.dispatch_repair_surveys",
        "schedule": crontab(minute=5, hour="9-20"),
        "options": {"expires": 50 * 60},
    },
    "feedback-expire-surveys": {
        "task": "feedback.tasks.expire_surveys",
        "schedule": crontab(minute=45),
        "options": {"expires": 50 * 60},
    },
    "feedback-complaint-breaches": {
        "task": "feedback.complaints.tasks.sweep_complaint_breaches",
        "schedule": 5 * 60.0,
        "options": {"expires": 4 * 60},
    },
    "feedback-auto-close-answered-complaints": {
        "task": "feedback.complaints.tasks.auto_close_answered_complaints",
        "schedule": 60 * 60.0,
        "options": {"expires": 55 * 60},
    },
    # Campaigns that opened since launch start inviting, and those past their closing time close
    "feedback-run-campaigns": {
        "task": "feedback.tasks.run_campaigns",
        "schedule": 10 * 60.0,
        "options": {"expires": 9 * 60},
    },
    # The committee's monthly work, early on the 1st (Asia/Shanghai) for the month just over. Both tasks are
    # idempotent (one draw / one report per estate and month), so a re-run or a late run changes nothing.
    "committee-draw-spot-checks": {
        "task": "committee.tasks.draw_spot_checks",
        "schedule": crontab(day_of_month=1, hour=6, minute=10),
        "options": {"expires": 12 * 60 * 60},
    },
    "committee-generate-quality-reports": {
        "task": "committee.tasks.generate_quality_reports",
        "schedule": crontab(day_of_month=1, hour=6, minute=30),
        "options": {"expires": 12 * 60 * 60},
    },
    # 08:40 Asia/Shanghai: managers find the day's due disclosures when they start; a missed day is caught up
    # by the next run (the reminder is keyed by its due date)
    # 03:20 Asia/Shanghai, the quietest hour: personal data past its retention period goes (PIPL Art. 19, 47;
    # residents/mydata/retention.py). Idempotent and batched; a missed night is caught up by the next.
    "residents-purge-past-retention": {
        "task": "residents.tasks.purge_past_retention",
        "schedule": crontab(hour=3, minute=20),
        "options": {"expires": 3 * 60 * 60},
    },
    "committee-remind-due-disclosures": {
        "task": "committee.tasks.remind_due_disclosures",
        "schedule": crontab(hour=8, minute=40),
        "options": {"expires": 6 * 60 * 60},
    },
}
