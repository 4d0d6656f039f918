"""Settings shared by every environment. Behaviour is switched by environment variables."""

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, env

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-development-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# The portal is configured for one province; its divisions are loaded by code.
PORTAL_PROVINCE_CODE = env("PORTAL_PROVINCE_CODE", default="53")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "import_export",
    "apps.core.third_party.AxesConfig",
    "apps.core.third_party.TasksDatabaseConfig",
    "simple_history",
    "apps.core",
    "apps.accounts",
    "apps.organizations",
    "apps.counselors",
    "apps.training",
    "apps.titles",
    "apps.inspections",
    "apps.funding",
    "apps.documents",
    "apps.transition",
    "apps.meetings",
    "apps.pairing",
    "apps.commendations",
    "apps.inbox",
    "apps.reports",
    "apps.exports",
    "apps.securitylog",
    "apps.devtools",
]

MIDDLEWARE = [
    # First, so it sees every response: a lost database is a 503 page (apps.core.outage).
    "apps.core.outage.DatabaseOutageMiddleware",
    # Behind a reverse proxy: the client's address from the proxy's X-Real-IP.
    "apps.core.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A NUL in the query string is a 400 before any list or search reads it.
    "apps.core.middleware.RejectNulQueryMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Keeps a request's security events until its response, and records 403s and 429s.
    "apps.core.security.SecurityRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "apps.accounts.middleware.SessionLifetimeMiddleware",
    "apps.accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "apps.core.access.AccessRuleMiddleware",
    # Lets history rows written during a request name the signed-in user (apps/core/models).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must be last: it turns a lockout into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "apps.core.context_processors.navigation",
            ],
        },
    },
]

# Django's form renderer, with select widgets written out in Python (apps/core/forms.py).
FORM_RENDERER = "apps.core.forms.PortalFormRenderer"

# Unset DATABASE_URL means an embedded SQLite file, so a newcomer needs nothing installed.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'portal.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database serves the web server's threads and the task worker at once:
    # write-ahead logging lets readers go on while one writes, a writer waits up to 20 s
    # for the lock instead of failing, and a transaction takes the write lock when it
    # begins, so two never deadlock upgrading a read to a write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )
# DATABASE_URL's replica (PostgreSQL streaming replication): when named, the reads that may
# lag a moment (the dashboard, reports, exports; apps.core.replica.reading_replica) go to it
# and everything else, writes included, to the primary (docs/adr/0023-several-servers.md).
REPLICA_DATABASE = "replica"
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES[REPLICA_DATABASE] = env.db("DATABASE_REPLICA_URL")
    DATABASES[REPLICA_DATABASE]["ATOMIC_REQUESTS"] = False
    DATABASES[REPLICA_DATABASE]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "apps.accounts.backends.PortalBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# A user signing in with a shorter password (set before this rule) must change it first.
PASSWORD_MIN_LENGTH = 12
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "reports:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

# Sessions end after 30 minutes without a request, and 12 hours after signing in however
# busy (apps.accounts.middleware). A request restarts the 30 minutes by saving the session,
# at most once a minute (SESSION_TOUCH_SECONDS) rather than on every request.
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_ABSOLUTE_SECONDS = env.int("DJANGO_SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)
SESSION_TOUCH_SECONDS = 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Brute-force protection on the sign-in form (django-axes).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Besides one username from one address, an address is throttled across usernames after
# this many failures within this many minutes (apps.accounts.signin).
AXES_HANDLER = "apps.accounts.signin.PortalAxesHandler"
AXES_LOCKOUT_CALLABLE = "apps.accounts.signin.lockout_response"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
SIGNIN_IP_FAILURE_LIMIT = env.int("SIGNIN_IP_FAILURE_LIMIT", default=30)
SIGNIN_IP_WINDOW_MINUTES = env.int("SIGNIN_IP_WINDOW_MINUTES", default=15)
# Behind a reverse proxy, name its addresses (or networks): a request from one of them
# comes from the client its X-Real-IP names (apps.core.middleware.TrustedProxyMiddleware),
# or every sign-in, security event and public objection seems to come from the proxy.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "var" / "staticfiles")
# Uploaded files live outside the web root and are only ever served through views that check
# access; MEDIA_URL is deliberately not routed.
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "/media/"
# Where uploaded files (evidence, documents, finished exports) are kept: MEDIA_ROOT, one folder
# every app server and worker shares, or an S3-compatible object store when S3_BUCKET is set
# (django-storages; MinIO, or a government cloud's object service). Either way the files are
# private and reach a browser only through the portal's access-checked downloads.
S3_BUCKET = env("S3_BUCKET", default="")
FILE_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if S3_BUCKET:
    FILE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "location": env("S3_PREFIX", default=""),
            "endpoint_url": env("S3_ENDPOINT_URL", default=None),
            "region_name": env("S3_REGION", default=None),
            "access_key": env("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("S3_SECRET_ACCESS_KEY", default=None),
            # "path" for MinIO and most private installations; "virtual" where the service
            # wants the bucket in the host name.
            "addressing_style": env("S3_ADDRESSING_STYLE", default="path"),
            "signature_version": "s3v4",
            # Private objects (the bucket's own policy), never overwritten: names are random.
            "default_acl": None,
            "file_overwrite": False,
        },
    }
STORAGES = {
    "default": FILE_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# `manage.py backup` (make backup) writes its folders here; BACKUP_PG_BIN_DIR names the
# folder of pg_dump/pg_restore when the ones on the PATH are not the server's version.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "var" / "backups")
BACKUP_PG_BIN_DIR = env("BACKUP_PG_BIN_DIR", default="")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0)

# While the database is out of reach, pages answer 503 and ask clients to retry after this
# many seconds (apps.core.outage).
OUTAGE_RETRY_AFTER_SECONDS = env.int("OUTAGE_RETRY_AFTER_SECONDS", default=30)

# Pages of lists.
PORTAL_PAGE_SIZE = env.int("PORTAL_PAGE_SIZE", default=25)

# Password of the demo accounts made by seed_demo.
DEMO_PASSWORD = env("DEMO_PASSWORD", default="Pioneer-2026")
# seed_demo refuses to run where this is true.
PORTAL_PRODUCTION = env.bool("PORTAL_PRODUCTION", default=False)

# Background tasks (django.tasks): queued in the database, run by `manage.py run_worker`,
# which `make run` starts next to the web server. See docs/adr/0006-background-exports.md.
# TASK_BACKEND=rq queues them in Redis (REDIS_URL) instead, for installs whose database
# queue is not enough; its workers are `manage.py rqworker default` (docs/adr/0023).
TASK_BACKEND = env("TASK_BACKEND", default="database")
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
if TASK_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASK_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    # rq stops a job that runs longer than RQ_JOB_TIMEOUT seconds; a province's export may
    # take many minutes.
    RQ_QUEUES = {
        "default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": env.int("RQ_JOB_TIMEOUT", default=3600)}
    }
    # The worker runs the jobs as django.tasks tasks (their results and signals).
    RQ = {"JOB_CLASS": "django_tasks_rq.Job"}
else:
    raise ImproperlyConfigured(f"TASK_BACKEND is 'database' or 'rq', not {TASK_BACKEND!r}.")

# The background task worker (manage.py run_worker) writes a heartbeat every N seconds;
# /healthz answers 503 when the newest is older than WORKER_STALE_SECONDS, and a task left
# running by a worker that silent is failed. Each area's housekeeping runs every N seconds.
WORKER_HEARTBEAT_SECONDS = env.int("WORKER_HEARTBEAT_SECONDS", default=10)
WORKER_STALE_SECONDS = env.int("WORKER_STALE_SECONDS", default=60)
WORKER_HOUSEKEEPING_SECONDS = env.int("WORKER_HOUSEKEEPING_SECONDS", default=300)

# Spreadsheet exports: lists longer than this become background jobs; a job saves its
# progress every EXPORT_PROGRESS_EVERY rows.
EXPORT_SYNC_MAX_ROWS = env.int("EXPORT_SYNC_MAX_ROWS", default=5000)
EXPORT_PROGRESS_EVERY = env.int("EXPORT_PROGRESS_EVERY", default=2000)
# Most background exports one user may have queued or running at once.
EXPORT_MAX_OPEN_JOBS = env.int("EXPORT_MAX_OPEN_JOBS", default=3)
# A running export with no progress for this long lost its worker and is marked failed.
EXPORT_STALE_SECONDS = env.int("EXPORT_STALE_SECONDS", default=15 * 60)
# Spreadsheet imports: what an uploaded .xlsx or .csv may be at most.
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=20000)
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
IMPORT_MAX_UNPACKED_BYTES = env.int("IMPORT_MAX_UNPACKED_BYTES", default=50 * 1024 * 1024)
IMPORT_MAX_COMPRESSION_RATIO = env.int("IMPORT_MAX_COMPRESSION_RATIO", default=100)
# A previewed import waits on the server this many minutes for its owner to confirm it.
IMPORT_PENDING_MINUTES = env.int("IMPORT_PENDING_MINUTES", default=60)
# Files of up to IMPORT_SYNC_MAX_ROWS rows are checked and imported during the request;
# larger ones run as background jobs (docs/adr/0022), at most IMPORT_MAX_OPEN_JOBS queued
# or running per user. A job's page lists at most IMPORT_REPORT_ERROR_ROWS rows with errors.
IMPORT_SYNC_MAX_ROWS = env.int("IMPORT_SYNC_MAX_ROWS", default=500)
IMPORT_MAX_OPEN_JOBS = env.int("IMPORT_MAX_OPEN_JOBS", default=3)
IMPORT_PROGRESS_EVERY = env.int("IMPORT_PROGRESS_EVERY", default=1000)
IMPORT_REPORT_ERROR_ROWS = env.int("IMPORT_REPORT_ERROR_ROWS", default=200)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        # What is logged to portal.security is kept in the security log as well.
        "security_log": {"class": "apps.core.security.SecurityLogHandler"},
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "portal.security": {"handlers": ["security_log"], "level": "INFO"},
    },
}
# The security log (apps.securitylog) keeps its events this many days; 等保 2.0 asks for at
# least 180, and prune_security_log refuses fewer unless forced.
SECURITY_LOG_DAYS = env.int("SECURITY_LOG_DAYS", default=180)

# The portal runs on closed networks under a strict content security policy: every script,
# style, font and image from its own origin, no inline script or style, no frames.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Reminders and escalation (manage.py send_reminders, daily; docs/adr/0019).
# Mail: the console by default (printed where the command runs); SMTP when configured.
_MAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
_MAIL_OPTIONS = {}
if _MAIL_BACKEND.endswith("smtp.EmailBackend"):
    _MAIL_OPTIONS = {
        "host": env("DJANGO_EMAIL_HOST", default="localhost"),
        "port": env.int("DJANGO_EMAIL_PORT", default=25),
        "username": env("DJANGO_EMAIL_HOST_USER", default=""),
        "password": env("DJANGO_EMAIL_HOST_PASSWORD", default=""),
        "use_tls": env.bool("DJANGO_EMAIL_USE_TLS", default=False),
        "use_ssl": env.bool("DJANGO_EMAIL_USE_SSL", default=False),
        "timeout": 30,
    }
MAILERS = {"default": {"BACKEND": _MAIL_BACKEND, "OPTIONS": _MAIL_OPTIONS}}
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="portal@localhost")
# The address links in e-mails start with.
PORTAL_SITE_URL = env("PORTAL_SITE_URL", default="http://127.0.0.1:8000")
# Channels beyond the in-portal inbox (apps.inbox.delivery): dotted paths of classes.
INBOX_CHANNELS = env.list("INBOX_CHANNELS", default=["apps.inbox.delivery.EmailChannel"])
# Days a title application may wait at each review level before it is overdue.
TITLES_REVIEW_DAYS = {"school": 10, "county": 15, "prefecture": 20, "province": 30}
# Seconds a process keeps the query that counts a user's to-dos (the counts themselves are
# read on every page); 0 builds it on every page.
TODO_PLAN_SECONDS = env.int("TODO_PLAN_SECONDS", default=60)

# How long cached figures (indicators, to-do counts, list totals, dashboard panels, filter
# forms) may be served while no write has touched their tables (apps/core/freshness.py,
# PostgreSQL only); the write log keeps twice that.
FRESHNESS_SECONDS = env.int("FRESHNESS_SECONDS", default=300)
# Each process keeps them in its own memory, up to CACHE_MAX_ENTRIES entries (the oldest
# third is dropped past it). Being checked against the database's write log, they need no
# cache shared between servers.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": env.int("CACHE_MAX_ENTRIES", default=5000)},
    }
}
