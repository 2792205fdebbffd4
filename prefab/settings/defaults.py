"""Prefab's settings for the detected environment, read from environment variables.

``autoconfigure`` starts from these and lets the project override them. A project's
settings module may also import names from here to extend them:
``from prefab.settings.defaults import INSTALLED_APPS``, then
``INSTALLED_APPS = [*INSTALLED_APPS, "django_filters"]``.
Every variable read is recorded in PREFAB_VARIABLES for ``django-admin showconfig``.
"""

import os
import sys
from urllib.parse import urlsplit

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
)

from prefab.settings import checks, environment, logs, storage
from prefab.settings.variables import Variables

variables = Variables(os.environ)

# --- Environment ----------------------------------------------------------------------

if variables.is_set("ENVIRONMENT"):
    ENVIRONMENT = variables.choice(
        "ENVIRONMENT", None, choices=environment.ENVIRONMENTS
    )
else:
    ENVIRONMENT, detection = environment.detect(os.environ, sys.argv)
    variables.note("ENVIRONMENT", ENVIRONMENT, detection)
DEPLOYED = ENVIRONMENT in environment.DEPLOYED

# --- Project --------------------------------------------------------------------------

APP = variables.package("APP", "prefab")
ROOT_URLCONF = f"{APP}.urls"
WSGI_APPLICATION = "prefab.wsgi.application"

# --- Secret key -----------------------------------------------------------------------

# Development and test may run without a key; a deployed site must bring its own, long
# and random enough that Django's deployment checks accept it.
if variables.is_set("DJANGO_SECRET_KEY") or not variables.is_set("SECRET_KEY"):
    SECRET_KEY_VARIABLE = "DJANGO_SECRET_KEY"
else:
    SECRET_KEY_VARIABLE = "SECRET_KEY"
SECRET_KEY = variables.text(
    SECRET_KEY_VARIABLE,
    None if DEPLOYED else f"{SECRET_KEY_INSECURE_PREFIX}prefab-{ENVIRONMENT}-only",
    secret=True,
    empty=False,
    expected=f"a random key of {SECRET_KEY_MIN_LENGTH} or more characters "
    f"in {ENVIRONMENT}",
)
checks.strong_secret_key(SECRET_KEY, ENVIRONMENT, SECRET_KEY_VARIABLE)

# --- Debugging and hosts --------------------------------------------------------------

# Debug pages show settings to anyone who asks, Redis passwords included: never on a
# deployed site.
DEBUG = variables.boolean("DEBUG", ENVIRONMENT == "development")
checks.no_debug_when_deployed(DEBUG, ENVIRONMENT, "DEBUG")

# A review app's host is the one GitLab gives its environment; production has to name
# its hosts; development and test answer on the local machine only.
if ENVIRONMENT == "review" and variables.is_set("CI_ENVIRONMENT_URL"):
    REVIEW_URL = variables.url("CI_ENVIRONMENT_URL", None, schemes=("https", "http"))
    REVIEW_HOST = urlsplit(REVIEW_URL).hostname
    HOSTS_BY_DEFAULT = [f"[{REVIEW_HOST}]" if ":" in REVIEW_HOST else REVIEW_HOST]
    checks.allowed_hosts(HOSTS_BY_DEFAULT, "CI_ENVIRONMENT_URL")
elif DEPLOYED:
    HOSTS_BY_DEFAULT = None
else:
    HOSTS_BY_DEFAULT = ["localhost", "127.0.0.1", "[::1]"]
ALLOWED_HOSTS = variables.items(
    "ALLOWED_HOSTS",
    HOSTS_BY_DEFAULT,
    expected=f"the comma-separated host names this site answers to in {ENVIRONMENT}"
    + (" (or CI_ENVIRONMENT_URL)" if ENVIRONMENT == "review" else ""),
    empty=False,
)
checks.allowed_hosts(ALLOWED_HOSTS, "ALLOWED_HOSTS")

# Django checks the Origin of unsafe requests against these: deployed sites are served
# over HTTPS on their allowed hosts.
CSRF_TRUSTED_ORIGINS = variables.items(
    "CSRF_TRUSTED_ORIGINS",
    [
        f"https://{host.replace('.', '*.', 1) if host.startswith('.') else host}"
        for host in ALLOWED_HOSTS
        if DEPLOYED and host != "*"
    ],
    expected="comma-separated origins with a scheme, like https://example.com",
)
checks.trusted_origins(CSRF_TRUSTED_ORIGINS, "CSRF_TRUSTED_ORIGINS")

# --- HTTPS ----------------------------------------------------------------------------

# Deployed sites sit behind a proxy that ends TLS and says so in X-Forwarded-Proto. The
# health URL answers before these take effect, so probes may use plain HTTP.
if DEPLOYED:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = variables.boolean("SECURE_SSL_REDIRECT", DEPLOYED)
SESSION_COOKIE_SECURE = DEPLOYED
CSRF_COOKIE_SECURE = DEPLOYED
# HSTS binds browsers for a year, so only production sends it by default: a review app
# on a shared domain must not pin that domain.
SECURE_HSTS_SECONDS = variables.integer(
    "SECURE_HSTS_SECONDS", 31536000 if ENVIRONMENT == "production" else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = variables.boolean(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", ENVIRONMENT == "production"
)
SECURE_HSTS_PRELOAD = variables.boolean(
    "SECURE_HSTS_PRELOAD", ENVIRONMENT == "production"
)
# Review apps go without HSTS on purpose (above): the deployment checks need not say so.
if ENVIRONMENT == "review":
    SILENCED_SYSTEM_CHECKS = ["security.W004"]

# --- Applications ---------------------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "prefab",
]
if APP != "prefab":
    INSTALLED_APPS.append(APP)

MIDDLEWARE = [
    "prefab.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Tests create many users; a fast hash keeps them quick and is never used elsewhere.
if ENVIRONMENT == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# --- Database -------------------------------------------------------------------------

# Persistent connections, checked before each request reuses them, so that a database
# restart costs one reconnect instead of errors.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": variables.text("POSTGRES_DB", "postgres", empty=False),
        "USER": variables.text("POSTGRES_USER", "postgres", empty=False),
        "PASSWORD": variables.text("POSTGRES_PASSWORD", "postgres", secret=True),
        "HOST": variables.host(
            "POSTGRES_HOST", "postgres", port_variable="POSTGRES_PORT"
        ),
        "PORT": variables.integer("POSTGRES_PORT", 5432, minimum=1, maximum=65535),
        "CONN_MAX_AGE": variables.integer("POSTGRES_CONN_MAX_AGE", 600),
        "CONN_HEALTH_CHECKS": True,
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------

# A Redis outage must cost cache misses, not errors: django-redis swallows (and logs)
# connection errors, and short timeouts keep a vanished server from holding requests.
CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": variables.redis_url("CACHE_LOCATION", "redis://redis:6379/0"),
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
        },
    },
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# --- Celery ---------------------------------------------------------------------------

# prefab.celery reads the CELERY_ settings. Results go to the broker's Redis unless
# CELERY_RESULT_BACKEND says otherwise.
CELERY_BROKER_URL = variables.redis_url("CELERY_BROKER_URL", "redis://redis:6379/1")
CELERY_RESULT_BACKEND = variables.redis_url("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_TRACK_STARTED = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# A Redis that stops answering without closing its connections (paused, failed over,
# behind a dropped NAT entry) would hold a request that queues a task for minutes:
# Celery retries each step 3 to 20 times, each try waiting out the socket's timeout.
# With 3 s timeouts and 2 retries, queueing fails after about 15 s (measured), well
# within gunicorn's 60 s. Workers' own reads of the broker wait 1 s at a time, within
# the timeout, and workers retry the broker itself for good.
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_timeout": 3, "socket_connect_timeout": 3}
CELERY_REDIS_SOCKET_TIMEOUT = 3
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 3
# Celery's own retry policies, with 2 retries instead of 3 and 20.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 1,
}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"max_retries": 2}}
# celery beat keeps its schedule's state in a file, and /app is read-only in the images.
CELERY_BEAT_SCHEDULE_FILENAME = "/tmp/celerybeat-schedule"

# --- Static and media files -----------------------------------------------------------

# Locally, WhiteNoise serves static files straight from the installed apps, so they
# always match the APP given at run time and nothing has to be collected into the image.
STATIC_URL = "/static/"
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "/media/"
MEDIA_ROOT = variables.absolute_path("MEDIA_ROOT", "/srv/media")
STORAGES = storage.storages(variables)

# --- Logging --------------------------------------------------------------------------

LOG_LEVEL = variables.choice("LOG_LEVEL", "INFO", choices=logs.LEVELS)
LOG_FORMAT = variables.choice(
    "LOG_FORMAT", "json" if DEPLOYED else "text", choices=logs.FORMATS
)
LOGGING = logs.logging_config(LOG_LEVEL, LOG_FORMAT)
LOGGING_CONFIG = "prefab.settings.logs.configure"

# --- Internationalisation -------------------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

PREFAB_VARIABLES = variables.read
