"""Django settings for any project built on Prefab, read from environment variables.

APP names the project's Python package (``prefab`` itself by default): it joins
INSTALLED_APPS and its ``urls`` module is the URLconf. PostgreSQL, Redis and the
secret key come from the variables below; django-environ parses them.
"""

import importlib.util

import environ
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()

# --- Project --------------------------------------------------------------------------

APP = env.str("APP", default="prefab")
ROOT_URLCONF = f"{APP}.urls"
try:
    URLCONF_FOUND = importlib.util.find_spec(ROOT_URLCONF) is not None
except (ImportError, ValueError):
    URLCONF_FOUND = False
if not URLCONF_FOUND:
    raise ImproperlyConfigured(
        f"APP must name the project's package, with a urls module (got {APP!r}, "
        f"found no {ROOT_URLCONF}); in an image, the package is a folder in /app"
    )
WSGI_APPLICATION = "prefab.wsgi.application"

# --- Security -------------------------------------------------------------------------

SECRET_KEY = env.str("SECRET_KEY")
if not SECRET_KEY.strip():
    raise ImproperlyConfigured("SECRET_KEY must not be empty")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

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

# --- Database -------------------------------------------------------------------------

# Persistent connections, checked before each request reuses them, so that a database
# restart costs one reconnect instead of errors.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": env.str("POSTGRES_DB", default="postgres"),
        "USER": env.str("POSTGRES_USER", default="postgres"),
        "PASSWORD": env.str("POSTGRES_PASSWORD", default="postgres"),
        "HOST": env.str("POSTGRES_HOST", default="postgres"),
        "PORT": env.int("POSTGRES_PORT", default=5432),
        "CONN_MAX_AGE": env.int("POSTGRES_CONN_MAX_AGE", default=600),
        "CONN_HEALTH_CHECKS": True,
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": env.str("CACHE_LOCATION", default="redis://redis:6379/0"),
    },
}

# --- Static and media files -----------------------------------------------------------

# WhiteNoise serves static files straight from the installed apps, so the files always
# match the APP given at run time; nothing has to be collected into the image.
STATIC_URL = "/static/"
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "/media/"
MEDIA_ROOT = env.str("MEDIA_ROOT", default="/srv/media")

# --- Logging --------------------------------------------------------------------------

# Everything at LOG_LEVEL and above goes to standard error, including the tracebacks of
# failed requests, which Django only mails to ADMINS by default. The django logger is
# replaced, not extended, so that no line is written twice when DEBUG is on.
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": LOG_LEVEL, "propagate": False},
    },
}

# --- Internationalisation -------------------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
