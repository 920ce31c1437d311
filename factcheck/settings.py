"""Settings for factcheck: one module, every value from the environment.

Parsing is strict on purpose (a typo in `DEBUG=ture` must fail at start-up, not
silently run in debug mode). Production hardening switches on whenever DEBUG is
off; see README.md, section "Configuration", for every variable.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# One BLAS thread per process, set before anything imports numpy: each worker serves
# one request at a time, and OpenBLAS's extra threads only fight the other workers
# for the cores (claim matching's 10,000 x 384 product took 9 ms with two threads
# on a loaded 2-core machine, 0.4 ms with one). An explicit setting still wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean variable, refusing anything that is not clearly yes or no."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0/true/false/yes/no/on/off, not {raw!r}")


def env_int(name: str, default: int) -> int:
    """Read a non-negative integer variable; a non-number fails loudly."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if value < 0:
        raise ImproperlyConfigured(f"{name} must not be negative, not {value}")
    return value


_RATE = re.compile(r"^\d+/(s|sec|m|min|h|hour|d|day)$")


def env_rate(name: str, default: str) -> str:
    """A DRF throttle rate such as "120/min"; a typo fails at start, not on every request."""
    value = os.environ.get(name, default).strip()
    if not _RATE.match(value):
        raise ImproperlyConfigured(
            f"{name} must look like 120/min (s, min, hour or day), not {value!r}"
        )
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated list, dropping blanks."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

_DEV_SECRET_KEY = "django-insecure-dev-only-key-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# HTTPS hardening is on by default in production; FACTCHECK_HTTPS=0 serves plain
# HTTP, for a TLS-terminating proxy that sets no X-Forwarded-Proto, or loopback.
FACTCHECK_HTTPS = env_bool("FACTCHECK_HTTPS", default=not DEBUG)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # intcomma: counts with the language's digit grouping (12,345; in Spanish 12 345).
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accounts",
    "articles",
    "annotations",
    "api_support",
    "history",
    "public",
    "suggestions",
    "django_tasks",
    "django_tasks_db",
    "fetching",
    "claimreviews",
    "search",
    "matching",
    # Login-failure records (accounts.lockout); after the apps whose admin it joins.
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outermost of the page middleware, so that error pages made for the layers below
    # (handler500 for a failing session save) carry the CSP header too.
    "factcheck.middleware.ContentSecurityPolicyMiddleware",
    # Responses to requests with a token or session are never stored by shared caches.
    "factcheck.middleware.PrivateResponsesMiddleware",
    # Above sessions and auth, which query the database too: an outage becomes a 503.
    "factcheck.resilience.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The reader's language (?lang=, the switcher's cookie, Accept-Language); the API
    # and the machine-readable paths stay in LANGUAGE_CODE (factcheck/i18n.py).
    "factcheck.i18n.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Innermost, so its 400 still passes through every layer above (CSP, security headers).
    "factcheck.query_params.SingleValuedQueryMiddleware",
    # Turns a login refused by the lockout (accounts.lockout) into its 429 page.
    "axes.middleware.AxesMiddleware",
    # Sign-in POSTs from one address run one at a time, so none passes the lockout's
    # check before the previous one's failure is counted (accounts.lockout).
    "accounts.lockout.OneSignInAtATimeMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "factcheck.i18n.language_context",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "factcheck.middleware.csp_nonce",
                "public.context_processors.site_footer",
            ],
            # `|bdi` and `|isolate` for user-supplied text, in every template (factcheck.bidi);
            # `{% keep_lang url %}`: links that keep a reader's ?lang= (factcheck.language_links).
            "builtins": ["factcheck.bidi", "factcheck.language_links"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Served (DEBUG off), a connection lives on between requests: opening one costs
        # more than a claim create's statements (issue 9). Each gthread thread keeps
        # its own; see gunicorn.conf.py.
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0 if DEBUG else 600),
        # A persistent or pooled connection is checked before reuse, so one the server
        # dropped (a restart, SECURITY-CASES #29) is replaced instead of failing a request.
        # On PostgreSQL the check polls the socket (no query, see
        # factcheck/db_backends/postgresql); with 0, a dropped connection fails one
        # request (503, Retry-After) and is then replaced.
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", default=True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take SQLite's lock when their transaction begins and queue for it (up to
    # 20 s). In the default DEFERRED mode two transactions that both upgrade from read
    # to write fail at once with "database is locked" (a 503 under concurrent POSTs).
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
# Django's psycopg 3 pool: worth it for threaded gunicorn workers, where a new
# connection per request costs more than the query. Off by default (and for tests).
_IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if _IS_POSTGRES:
    # Django's backend, with a health check that polls the socket instead of sending
    # SELECT 1: one round trip less per request (factcheck/db_backends/postgresql).
    DATABASES["default"]["ENGINE"] = "factcheck.db_backends.postgresql"
    # The hot queries (token lookup, an article's claims, inserts) prepared once per
    # connection; 0 behind a pooler that cannot keep prepared statements.
    DATABASES["default"].setdefault("OPTIONS", {})["prepared_statements"] = env_bool(
        "DATABASE_PREPARED_STATEMENTS", default=True
    )
if _IS_POSTGRES and env_bool("DATABASE_POOL", default=False):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # With CONN_HEALTH_CHECKS (above) Django makes the pool test each connection on
    # checkout, so connections that died with a server restart are replaced.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": env_int("DATABASE_POOL_MAX_SIZE", 10),
        # Seconds a request waits for a connection. psycopg's default (30 s) equals
        # gunicorn's worker timeout, so a longer outage would get workers killed; after
        # this wait the request is answered 503 with Retry-After instead.
        "timeout": env_int("DATABASE_POOL_TIMEOUT", 5),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages of the interface (README "Languages"). LANGUAGE_CODE is the site's own
# language: the default for readers whose browser asks for none we have, and the
# fixed language of the API, exports, feeds and ClaimReview data.
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en").strip().lower()
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(
        f"LANGUAGE_CODE must be one of {', '.join(dict(LANGUAGES))}, not {LANGUAGE_CODE!r}"
    )
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates per language ("8 December 2026", "8 de diciembre de 2026"); factcheck/formats/.
FORMAT_MODULE_PATH = ["factcheck.formats"]
# Addresses answered in LANGUAGE_CODE whatever the client's Accept-Language: the API
# and the machine-readable public output (factcheck.i18n.SiteLocaleMiddleware).
FACTCHECK_FIXED_LANGUAGE_PATHS = [
    "/api/",
    "/factchecks/feed",
    "/factchecks/corrections/feed/",
    "/oembed",
    "/sitemap",
    "/robots.txt",
]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# collectstatic writes here; benchmarks point it at a temporary folder.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Serve files straight from the finders when collectstatic has not run (make run, tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"

# --- sign-in limits (accounts.lockout; README "Sign-in limits") ----------------------------

# Checked before the password, for /login/, /admin/login/ and POST /api/v1/auth/token/ alike.
AUTHENTICATION_BACKENDS = [
    "accounts.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed sign-ins before 429: for one username from one client address, and from one
# client address whatever the username. Counted in the database (shared by every worker).
FACTCHECK_LOGIN_FAILURES_PER_ACCOUNT = env_int("FACTCHECK_LOGIN_FAILURES_PER_ACCOUNT", 10)
FACTCHECK_LOGIN_FAILURES_PER_ADDRESS = env_int("FACTCHECK_LOGIN_FAILURES_PER_ADDRESS", 50)
# The lock lifts by itself this long after the failures that set it (never permanent).
FACTCHECK_LOGIN_COOLOFF_MINUTES = env_int("FACTCHECK_LOGIN_COOLOFF_MINUTES", 15)
if not 1 <= FACTCHECK_LOGIN_FAILURES_PER_ACCOUNT <= FACTCHECK_LOGIN_FAILURES_PER_ADDRESS:
    raise ImproperlyConfigured(
        "FACTCHECK_LOGIN_FAILURES_PER_ACCOUNT must be at least 1 and at most "
        "FACTCHECK_LOGIN_FAILURES_PER_ADDRESS."
    )
if FACTCHECK_LOGIN_COOLOFF_MINUTES < 1:
    raise ImproperlyConfigured("FACTCHECK_LOGIN_COOLOFF_MINUTES must be at least 1.")
# API tokens expire this many days after they are issued; 0: never (README, "API tokens").
FACTCHECK_TOKEN_TTL_DAYS = env_int("FACTCHECK_TOKEN_TTL_DAYS", 0)
# Proxies in front of the app that append the client's address to X-Forwarded-For. 0: the
# client is REMOTE_ADDR and the header is ignored (a client could forge it).
FACTCHECK_TRUSTED_PROXIES = env_int("FACTCHECK_TRUSTED_PROXIES", 0)

AXES_HANDLER = "accounts.lockout.LoginFailureHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = FACTCHECK_LOGIN_FAILURES_PER_ACCOUNT
AXES_COOLOFF_TIME = timedelta(minutes=FACTCHECK_LOGIN_COOLOFF_MINUTES)
# Tries while locked out are refused without being counted, so the lock lifts at the time
# the 429 announced, and nobody can keep an account locked by trying again and again.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A success does not wipe the failures: one known password must not reopen guessing.
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_address"
AXES_USERNAME_CALLABLE = "accounts.lockout.recorded_username"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# Failed attempts are what the policy needs; a row per successful sign-in is not.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Bodies beyond this are refused with 400 before parsing (SECURITY-CASES #8).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("FACTCHECK_MAX_BODY_BYTES", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# Bytes of rendered article claim lists each process keeps (annotations/claim_list_cache.py,
# PostgreSQL only); 0 renders every request.
FACTCHECK_CLAIM_LIST_CACHE_BYTES = env_int("FACTCHECK_CLAIM_LIST_CACHE_BYTES", 16 * 1024 * 1024)
# JSON bodies and imports nested deeper than this are a 400 (SECURITY-CASES #34); no
# document the app reads needs more than a few levels.
FACTCHECK_JSON_MAX_DEPTH = env_int("FACTCHECK_JSON_MAX_DEPTH", 32)
if FACTCHECK_JSON_MAX_DEPTH < 2:
    raise ImproperlyConfigured("FACTCHECK_JSON_MAX_DEPTH must be at least 2.")
# ClaimReview files sent to POST /api/v1/claimreviews/import/ as multipart uploads are
# streamed to disk and may be this large (and hold this much once gunzipped).
FACTCHECK_MAX_IMPORT_BYTES = env_int("FACTCHECK_MAX_IMPORT_BYTES", 100 * 1024 * 1024)
# An upload through the API or the page stops reading after this many refused records
# (SECURITY-CASES #39): 100 MB of `{}` lines would hold a server thread for ten minutes.
# `manage.py import_claimreviews` has no such stop (its operator sees every refusal).
FACTCHECK_IMPORT_MAX_REFUSED = env_int("FACTCHECK_IMPORT_MAX_REFUSED", 10_000)

# Security headers that hold in every mode.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the reviewer UI's JavaScript reads it for API calls

if FACTCHECK_HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Tokens looked up by digest, with the user's roles read in the same query.
        "accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PARSER_CLASSES": ["factcheck.parsers.BoundedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "factcheck.pagination.PageNumberPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "factcheck.exceptions.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        # DRF's rates, one stored number per client instead of a list (factcheck/throttling.py).
        "factcheck.throttling.AnonRateThrottle",
        "factcheck.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("FACTCHECK_THROTTLE_ANON", "120/min"),
        "user": env_rate("FACTCHECK_THROTTLE_USER", "1200/min"),
        # POST /api/v1/checkworthiness/ scores up to 1,000 sentences per request.
        "checkworthiness": env_rate("FACTCHECK_THROTTLE_CHECKWORTHINESS", "30/min"),
        # POST /api/v1/match/ for anonymous callers (signed-in users get the user rate).
        "match": env_rate("FACTCHECK_THROTTLE_MATCH", "30/min"),
    },
    # The client address the anonymous throttle counts by; see FACTCHECK_TRUSTED_PROXIES.
    "NUM_PROXIES": FACTCHECK_TRUSTED_PROXIES,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DATETIME_FORMAT": "iso-8601",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "factcheck API",
    "DESCRIPTION": (
        "Fact-check annotation: articles, claims anchored to text spans, sources, verdicts, "
        "publication, and W3C Web Annotation / schema.org ClaimReview exports. Offsets are "
        "Unicode code points into article.text, end exclusive."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "factcheck.openapi_hooks.blank_query_means_absent",
    ],
    # One enum per vocabulary, whatever the field is called (rating, previous_rating...).
    "ENUM_NAME_OVERRIDES": {
        "RatingEnum": "annotations.ratings.Rating",
        "ClaimStatusEnum": "annotations.models.ClaimStatus",
        "StanceEnum": "annotations.models.Stance",
        # Claim matching (POST /api/v1/match/, /api/v1/claims/{id}/matches/).
        "MatchKindEnum": [
            ("factcheck", "factcheck"),
            ("claimreview", "claimreview"),
            ("claim", "claim"),
        ],
        "MatchDecisionEnum": [("confirmed", "confirmed"), ("dismissed", "dismissed")],
    },
}

# The organisation named as author of published ClaimReviews.
FACTCHECK_ORGANIZATION_NAME = os.environ.get("FACTCHECK_ORGANIZATION_NAME", "factcheck")
FACTCHECK_ORGANIZATION_URL = os.environ.get("FACTCHECK_ORGANIZATION_URL", "")

# How long a shared cache (CDN, reverse proxy) may keep a public page answered to an
# anonymous reader (factcheck.caching); a correction reaches every reader within it.
# 0: public pages get no Cache-Control of ours.
FACTCHECK_PUBLIC_CACHE_SECONDS = env_int("FACTCHECK_PUBLIC_CACHE_SECONDS", 300)

# Who may frame /factchecks/{id}/embed/ (CSP frame-ancestors): "*" for any site, or
# origins such as https://news.example.org. Every other page stays unframeable.
_FRAME_SOURCE = re.compile(r"^(\*|'self'|https?://(\*\.)?[A-Za-z0-9.-]+(:[0-9]{1,5})?)$")
FACTCHECK_EMBED_FRAME_ANCESTORS = env_list("FACTCHECK_EMBED_FRAME_ANCESTORS", ["*"])
for _source in FACTCHECK_EMBED_FRAME_ANCESTORS:
    if not _FRAME_SOURCE.match(_source):
        raise ImproperlyConfigured(
            "FACTCHECK_EMBED_FRAME_ANCESTORS takes *, 'self' or origins such as "
            f"https://news.example.org, comma-separated; not {_source!r}"
        )
if not FACTCHECK_EMBED_FRAME_ANCESTORS:
    raise ImproperlyConfigured("FACTCHECK_EMBED_FRAME_ANCESTORS must name at least one source.")

# The API throttles and check-worthiness results count in the default cache: this
# process's memory unless REDIS_URL is set, then one Redis server shared by every worker
# and host. Never a database cache: it would add statements to every API call.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    if not re.match(r"^rediss?://", REDIS_URL):
        raise ImproperlyConfigured(
            f"REDIS_URL must start with redis:// or rediss://, not {REDIS_URL!r}"
        )
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "factcheck",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "factcheck",
        }
    }

# Check-worthiness results, cached by the text's content hash (suggestions.checking).
FACTCHECK_SUGGESTIONS_CACHE_SECONDS = env_int("FACTCHECK_SUGGESTIONS_CACHE_SECONDS", 7 * 24 * 3600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"without_traceback": {"()": "factcheck.logfilters.WithoutTraceback"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "console_one_line": {
            "class": "logging.StreamHandler",
            "filters": ["without_traceback"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # A forged Host header is the client's doing: one line, no traceback per request.
        "django.security.DisallowedHost": {
            "handlers": ["console_one_line"],
            "level": "WARNING",
            "propagate": False,
        },
    },
}

# Password hashing stays Django's default; tests swap in a fast hasher via conftest.
SESSION_COOKIE_AGE = int(timedelta(days=14).total_seconds())


# --- background jobs and the guarded fetcher (issue 12; README "Background jobs") -----------

# "database": tasks are rows in the database queue, run by `manage.py db_worker` processes on
# any machine (production; `make run` starts one). "immediate": run in the requesting process
# at once (the test suite). Anything else fails at start.
FACTCHECK_TASKS = os.environ.get("FACTCHECK_TASKS", "database").strip()
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if FACTCHECK_TASKS not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"FACTCHECK_TASKS must be database or immediate, not {FACTCHECK_TASKS!r}"
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[FACTCHECK_TASKS], "QUEUES": ["default"]}}

# A failed fetch that may succeed later (timeout, 5xx, 429) is tried this many times in all,
# waiting FACTCHECK_FETCH_RETRY_SECONDS, then twice, four times as long... (capped at 6 hours).
FACTCHECK_FETCH_MAX_ATTEMPTS = env_int("FACTCHECK_FETCH_MAX_ATTEMPTS", 4)
FACTCHECK_FETCH_RETRY_SECONDS = env_int("FACTCHECK_FETCH_RETRY_SECONDS", 60)
if FACTCHECK_FETCH_MAX_ATTEMPTS < 1:
    raise ImproperlyConfigured("FACTCHECK_FETCH_MAX_ATTEMPTS must be at least 1.")
# How often `manage.py check_articles` re-fetches a URL-imported article to look for changes.
FACTCHECK_ARTICLE_CHECK_HOURS = env_int("FACTCHECK_ARTICLE_CHECK_HOURS", 24)
if FACTCHECK_ARTICLE_CHECK_HOURS < 1:
    raise ImproperlyConfigured("FACTCHECK_ARTICLE_CHECK_HOURS must be at least 1.")
# Archive every source link in the background when it is added (or its URL changes).
FACTCHECK_ARCHIVE_SOURCES = env_bool("FACTCHECK_ARCHIVE_SOURCES", default=True)
# Test servers listen on 127.0.0.1, which the fetcher refuses like any internal address.
# This lets it through, for tests and local debugging only: with DEBUG off the server
# refuses to start (here, and fetching.checks for settings changed any other way).
FACTCHECK_FETCH_ALLOW_LOOPBACK = env_bool("FACTCHECK_FETCH_ALLOW_LOOPBACK", default=False)
if FACTCHECK_FETCH_ALLOW_LOOPBACK and not DEBUG:
    raise ImproperlyConfigured(
        "FACTCHECK_FETCH_ALLOW_LOOPBACK lets the fetcher reach this machine's own services; "
        "it is for tests and DEBUG only and must not be set in production."
    )
