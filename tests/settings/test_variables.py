"""Every variable: its default, its effect when set, its file form, its bad values."""

import json
import subprocess

import pytest

from tests.conftest import PRODUCTION as PRODUCTION_OPTIONS
from tests.containers import docker
from tests.settings.conftest import DEVELOPMENT, PRODUCTION

# What `django-admin showconfig` reports with nothing set but the environment.
DEVELOPMENT_DEFAULTS = {
    "DJANGO_SECRET_KEY": "********",
    "DEBUG": "True",
    "ALLOWED_HOSTS": "localhost,127.0.0.1,[::1]",
    "CSRF_TRUSTED_ORIGINS": "",
    "SECURE_SSL_REDIRECT": "False",
    "SECURE_HSTS_SECONDS": "0",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "False",
    "SECURE_HSTS_PRELOAD": "False",
    "POSTGRES_DB": "postgres",
    "POSTGRES_USER": "postgres",
    "POSTGRES_PASSWORD": "********",
    "POSTGRES_HOST": "postgres",
    "POSTGRES_PORT": "5432",
    "POSTGRES_CONN_MAX_AGE": "600",
    "CACHE_LOCATION": "redis://redis:6379/0",
    "CELERY_BROKER_URL": "redis://redis:6379/1",
    "CELERY_RESULT_BACKEND": "redis://redis:6379/1",
    "MEDIA_ROOT": "/srv/media",
    "LOG_LEVEL": "INFO",
    "LOG_FORMAT": "text",
}
# Where production's defaults differ.
PRODUCTION_DEFAULTS = {
    "DEBUG": "False",
    "CSRF_TRUSTED_ORIGINS": "https://localhost,https://127.0.0.1",
    "SECURE_SSL_REDIRECT": "True",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "True",
    "SECURE_HSTS_PRELOAD": "True",
    "LOG_FORMAT": "json",
}


def test_every_default_in_development(project):
    variables = project.variables(DEVELOPMENT)
    shown = {name: variables[name]["value"] for name in DEVELOPMENT_DEFAULTS}
    assert shown == DEVELOPMENT_DEFAULTS
    assert {variables[name]["source"] for name in DEVELOPMENT_DEFAULTS} == {"default"}


def test_app_is_prefab_by_default(runtime_container):
    """The runtime image alone, with no project in /app."""
    shown = docker("exec", runtime_container, "django-admin", "showconfig", "--json")
    assert json.loads(shown)["variables"]["APP"] == {
        "value": "prefab",
        "source": "default",
    }


def test_app_must_be_set_when_the_python_path_holds_packages(project):
    env = {name: value for name, value in DEVELOPMENT.items() if name != "APP"}
    assert project.refusal(env).strip() == (
        "prefab: APP is not set, but the Python path holds the packages broken, "
        "brokenpackage, ownsettings, probe, scripted, workeronly: expected APP naming "
        "the project's package (ENV APP=… in its Dockerfile)"
    )


def test_production_defaults_differ_where_they_should(project):
    variables = project.variables(PRODUCTION)
    shown = {name: variables[name]["value"] for name in PRODUCTION_DEFAULTS}
    assert shown == PRODUCTION_DEFAULTS


@pytest.mark.parametrize(
    ("variable", "value", "setting", "expected"),
    [
        ("APP", "probe", "ROOT_URLCONF", "probe.urls"),
        ("DEBUG", "false", "DEBUG", False),
        (
            "ALLOWED_HOSTS",
            "a.example, b.example",
            "ALLOWED_HOSTS",
            ["a.example", "b.example"],
        ),
        (
            "CSRF_TRUSTED_ORIGINS",
            "https://a.example",
            "CSRF_TRUSTED_ORIGINS",
            ["https://a.example"],
        ),
        ("SECURE_SSL_REDIRECT", "yes", "SECURE_SSL_REDIRECT", True),
        ("SECURE_HSTS_SECONDS", "60", "SECURE_HSTS_SECONDS", 60),
        (
            "SECURE_HSTS_INCLUDE_SUBDOMAINS",
            "on",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS",
            True,
        ),
        ("SECURE_HSTS_PRELOAD", "1", "SECURE_HSTS_PRELOAD", True),
        ("MEDIA_ROOT", "/srv/uploads", "MEDIA_ROOT", "/srv/uploads"),
        ("LOG_LEVEL", "WARNING", "LOG_LEVEL", "WARNING"),
        ("LOG_FORMAT", "json", "LOG_FORMAT", "json"),
        (
            "CELERY_BROKER_URL",
            "redis://queue:6379/3",
            "CELERY_BROKER_URL",
            "redis://queue:6379/3",
        ),
        (
            "CELERY_RESULT_BACKEND",
            "redis://results:6379/4",
            "CELERY_RESULT_BACKEND",
            "redis://results:6379/4",
        ),
    ],
)
def test_variable_sets_its_setting(project, variable, value, setting, expected):
    assert project.setting({**DEVELOPMENT, variable: value}, setting) == expected


@pytest.mark.parametrize(
    ("variable", "value", "key", "expected"),
    [
        ("POSTGRES_DB", "shop", "NAME", "shop"),
        ("POSTGRES_USER", "shopkeeper", "USER", "shopkeeper"),
        ("POSTGRES_PASSWORD", "s3cret", "PASSWORD", "s3cret"),
        ("POSTGRES_HOST", "db.internal", "HOST", "db.internal"),
        ("POSTGRES_HOST", "fd00::5", "HOST", "fd00::5"),
        ("POSTGRES_PORT", "6432", "PORT", 6432),
        ("POSTGRES_CONN_MAX_AGE", "0", "CONN_MAX_AGE", 0),
    ],
)
def test_postgres_variable_sets_the_database(project, variable, value, key, expected):
    databases = project.setting({**DEVELOPMENT, variable: value}, "DATABASES")
    assert databases["default"][key] == expected


def test_database_connections_are_checked_before_reuse(project):
    databases = project.setting(DEVELOPMENT, "DATABASES")
    assert databases["default"]["CONN_HEALTH_CHECKS"] is True


def test_cache_location_sets_the_redis_cache(project):
    caches = project.setting(
        {**DEVELOPMENT, "CACHE_LOCATION": "rediss://:pw@cache.internal:6380/2"},
        "CACHES",
    )
    assert caches["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert caches["default"]["LOCATION"] == "rediss://:pw@cache.internal:6380/2"


def test_showconfig_masks_secrets_and_url_passwords(project):
    variables = project.variables(
        {
            **DEVELOPMENT,
            "POSTGRES_PASSWORD": "hunter2",
            "CACHE_LOCATION": "redis://user:hunter2@cache:6379/0",
            "CELERY_BROKER_URL": "redis://queue:6379/1?password=hunter2",
        }
    )
    assert variables["POSTGRES_PASSWORD"] == {
        "value": "********",
        "source": "environment",
    }
    assert variables["CACHE_LOCATION"]["value"] == "redis://user:********@cache:6379/0"
    assert variables["CELERY_BROKER_URL"]["value"] == (
        "redis://queue:6379/1?password=********"
    )
    shown = project.run(
        "django-admin",
        "showconfig",
        env={**DEVELOPMENT, "POSTGRES_PASSWORD": "hunter2"},
    )
    assert "hunter2" not in shown.stdout
    assert "POSTGRES_PASSWORD" in shown.stdout


def test_without_buckets_media_stay_local_and_whitenoise_serves_static(project):
    assert project.setting(DEVELOPMENT, "STORAGES") == {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in project.setting(
        DEVELOPMENT, "MIDDLEWARE"
    )


def test_s3_variables_set_the_storage_options(project):
    env = {
        **DEVELOPMENT,
        "AWS_MEDIA_BUCKET_NAME": "shop-media",
        "AWS_S3_REGION_NAME": "eu-west-1",
        "AWS_S3_CUSTOM_DOMAIN": "cdn.example.com",
    }
    storages = project.setting(
        {**env, "AWS_STATIC_BUCKET_NAME": "shop-static"}, "STORAGES"
    )
    assert storages["default"] == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "region_name": "eu-west-1",
            "bucket_name": "shop-media",
            "file_overwrite": False,
        },
    }
    # The CDN serves static files only: media URLs must stay signed.
    assert storages["staticfiles"]["OPTIONS"] == {
        "region_name": "eu-west-1",
        "custom_domain": "cdn.example.com",
        "bucket_name": "shop-static",
        "querystring_auth": False,
    }
    assert project.setting(env, "STORAGES")["staticfiles"]["BACKEND"].endswith(
        "StaticFilesStorage"
    )


def test_google_cloud_variables_set_the_storage_options(project):
    env = {
        **DEVELOPMENT,
        "GCP_STATIC_BUCKET_NAME": "shop-static",
        "GCP_PROJECT_ID": "shop-1234",
        "GCP_IAM_SIGN_BLOB": "true",
    }
    storages = project.setting(env, "STORAGES")
    assert storages["staticfiles"] == {
        "BACKEND": "storages.backends.gcloud.GoogleCloudStorage",
        "OPTIONS": {
            "project_id": "shop-1234",
            "iam_sign_blob": True,
            "bucket_name": "shop-static",
            "querystring_auth": False,
        },
    }
    assert storages["default"]["BACKEND"].endswith("FileSystemStorage")


# --- Values from files (NAME_FILE) ----------------------------------------------------


def test_a_secret_can_come_from_a_file(project):
    env = {**DEVELOPMENT, "POSTGRES_PASSWORD_FILE": "/app/secrets/postgres-password"}
    databases = project.setting(env, "DATABASES")
    assert databases["default"]["PASSWORD"] == "from-a-file"
    assert project.variables(env)["POSTGRES_PASSWORD"] == {
        "value": "********",
        "source": "file /app/secrets/postgres-password",
    }


def test_the_secret_key_can_come_from_a_file(project):
    env = {
        "APP": "prefab",
        "ALLOWED_HOSTS": "localhost",
        "SECRET_KEY_FILE": "/app/secrets/secret-key",
    }
    key = project.setting(env, "SECRET_KEY")
    assert key == "file-3b9f0e7c1d5a8264-a-key-long-enough-for-production-7f2c9e1b"


def test_django_secret_key_wins_over_secret_key(project):
    env = {**PRODUCTION, "SECRET_KEY": "the-other-key"}
    assert project.setting(env, "SECRET_KEY") == PRODUCTION["DJANGO_SECRET_KEY"]
    assert (
        project.setting({**DEVELOPMENT, "SECRET_KEY": "only-this-one"}, "SECRET_KEY")
        == "only-this-one"
    )


# --- Bad values -----------------------------------------------------------------------


def one_line(error: str) -> str:
    lines = error.strip().splitlines()
    assert len(lines) == 1, error
    assert lines[0].startswith("prefab: ")
    return lines[0]


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("POSTGRES_PORT", "abc", "an integer from 1 to 65535"),
        ("POSTGRES_PORT", "70000", "an integer from 1 to 65535"),
        ("POSTGRES_CONN_MAX_AGE", "-1", "an integer from 0"),
        ("POSTGRES_HOST", "", "a host name or IP address"),
        ("POSTGRES_PORT", "5_432", "an integer from 1 to 65535"),
        ("POSTGRES_HOST", "postgres:5432", "a host name or IP address without scheme"),
        ("POSTGRES_HOST", "postgresql://db/shop", "a host name or IP address"),
        ("POSTGRES_HOST", "db:primary", "a host name or IP address"),
        ("POSTGRES_HOST", "db name", "a host name or IP address"),
        ("POSTGRES_HOST", "[fd00::5]", "a host name or IP address"),
        ("MEDIA_ROOT", "media", "an absolute path"),
        ("CACHE_LOCATION", "localhost:6379", "a URL like redis://"),
        ("CACHE_LOCATION", "redis://redis:port/0", "a URL like redis://"),
        ("CACHE_LOCATION", "redis:///0", "a URL like redis://"),
        ("CACHE_LOCATION", "redis://redis:6379/zero", "a URL like redis://"),
        ("CACHE_LOCATION", "redis://redis:6379/0?db=x", "a URL like redis://"),
        (
            "CACHE_LOCATION",
            "redis://redis:6379/0?socket_timeout=x",
            "a URL like redis://",
        ),
        ("CACHE_LOCATION", "redis://[bad/0", "a URL like redis://"),
        # redis-py would refuse these options on every command, not at start-up.
        ("CACHE_LOCATION", "redis://redis:6379/0?timeout=2", "a URL like redis://"),
        (
            "CELERY_BROKER_URL",
            "redis://redis:6379/1?ssl_cert_reqs=required",
            "a URL like redis://",
        ),
        ("CELERY_BROKER_URL", "amqp://rabbit//", "a URL like redis://"),
        ("ALLOWED_HOSTS", " , ", "the comma-separated host names"),
        ("ENVIRONMENT", "staging", "one of development, test, review, production"),
        ("DEBUG", "maybe", "true or false"),
        ("SECURE_HSTS_SECONDS", "a year", "an integer from 0"),
        ("LOG_LEVEL", "LOUD", "one of DEBUG, INFO, WARNING, ERROR, CRITICAL"),
        ("LOG_FORMAT", "xml", "one of json, text"),
        ("APP", "", "the project's package"),
        ("APP", ".shop", "the project's package name, like myproject"),
    ],
)
def test_bad_value_stops_start_up_with_one_line(project, variable, value, expected):
    error = one_line(project.refusal({**DEVELOPMENT, variable: value}))
    assert f"{variable}={value!r} is invalid: expected {expected}" in error


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"POSTGRES_PASSWORD": "a", "POSTGRES_PASSWORD_FILE": "/run/secrets/x"},
            "POSTGRES_PASSWORD and POSTGRES_PASSWORD_FILE are both set: expected one",
        ),
        (
            {"POSTGRES_PASSWORD_FILE": "/run/secrets/missing"},
            "POSTGRES_PASSWORD_FILE='/run/secrets/missing' is unreadable: "
            "No such file or directory",
        ),
        (
            {"CACHE_LOCATION": "redis://:s3cr#t/x@redis:6379/0"},
            "CACHE_LOCATION='redis://:********@redis:6379/0' is invalid",
        ),
        # redis-py would read the host "default" and the port 1234.
        (
            {"CACHE_LOCATION": "redis://default:1234#abc@redis:6379/0"},
            "CACHE_LOCATION='redis://default:********@redis:6379/0' is invalid: "
            "expected a URL like redis://host:6379/0 (or rediss://, unix://), with "
            "any #, ; or , in its password written %23, %3B or %2C",
        ),
        # django-redis would see two servers, and show the password's halves.
        (
            {"CACHE_LOCATION": "redis://:pass,word@redis:6379/0"},
            "CACHE_LOCATION='redis://:********@redis:6379/0' is invalid",
        ),
        # Celery would take failover brokers.
        (
            {"CELERY_BROKER_URL": "redis://:pass;word@redis:6379/1"},
            "CELERY_BROKER_URL='redis://:********@redis:6379/1' is invalid",
        ),
        (
            {"CACHE_LOCATION": "redis://redis:6379/0?password=sec#ret&db=1"},
            "CACHE_LOCATION='redis://redis:6379/0?password=********&db=1' is invalid",
        ),
        # A database URL given as the host: its password is not shown either.
        (
            {"POSTGRES_HOST": "postgres://shop:s3cr3t@db:5432/shop"},
            "POSTGRES_HOST='postgres://shop:********@db:5432/shop' is invalid",
        ),
        (
            {"CSRF_TRUSTED_ORIGINS": "https://shop:s3cr3t@shop.example"},
            "CSRF_TRUSTED_ORIGINS has 'https://shop:********@shop.example': expected",
        ),
        (
            {"POSTGRES_PASSWORD_FILE": "/dev/zero"},
            "POSTGRES_PASSWORD_FILE='/dev/zero' is too large: expected at most 64 KiB",
        ),
        (
            {
                "AWS_STATIC_BUCKET_NAME": "shop-static",
                "AWS_S3_CUSTOM_DOMAIN": "cdn.example.com:0",
            },
            "AWS_S3_CUSTOM_DOMAIN='cdn.example.com:0' is invalid",
        ),
        (
            {"POSTGRES_PASSWORD_FILE": ""},
            "POSTGRES_PASSWORD_FILE is empty: expected the path of a file holding "
            "POSTGRES_PASSWORD",
        ),
        (
            {"CACHE_LOCATION": "user:s3cr3t@redis:6379/0"},
            "CACHE_LOCATION='user:********@redis:6379/0' is invalid",
        ),
        (
            {"POSTGRES_PORT_FILE": "/app/secrets/secret-key"},
            "POSTGRES_PORT from file /app/secrets/secret-key is invalid: expected an "
            "integer from 1 to 65535",
        ),
        (
            {"DJANGO_SECRET_KEY_FILE": "/app/secrets/not-utf-8"},
            "DJANGO_SECRET_KEY_FILE='/app/secrets/not-utf-8' is unreadable: "
            "expected UTF-8 text",
        ),
        (
            {"ALLOWED_HOSTS": "https://shop.example.com"},
            "ALLOWED_HOSTS has 'https://shop.example.com': expected host names without "
            "scheme, port or path",
        ),
        (
            {"ALLOWED_HOSTS": "shop.example.com:443"},
            "ALLOWED_HOSTS has 'shop.example.com:443'",
        ),
        ({"ALLOWED_HOSTS": "::1"}, "and IPv6 addresses in brackets, like [::1]"),
        ({"ALLOWED_HOSTS": "[2001:db8::1]:8080"}, "has '[2001:db8::1]:8080'"),
        ({"ALLOWED_HOSTS": "*.example.com"}, "'.example.com' for subdomains"),
        ({"ALLOWED_HOSTS": "bücher.example"}, "in ASCII (IDNA for others)"),
        ({"ALLOWED_HOSTS": "shop.example;evil.example"}, "has 'shop.example;evil"),
        (
            {"CSRF_TRUSTED_ORIGINS": "example.com"},
            "CSRF_TRUSTED_ORIGINS has 'example.com': expected origins with a scheme "
            "and a host,",
        ),
        ({"CSRF_TRUSTED_ORIGINS": "https://"}, "CSRF_TRUSTED_ORIGINS has 'https://'"),
        ({"CSRF_TRUSTED_ORIGINS": "https://[::1"}, "has 'https://[::1': expected"),
        ({"CSRF_TRUSTED_ORIGINS": "ftp://example.com"}, "has 'ftp://example.com'"),
        (
            {"CSRF_TRUSTED_ORIGINS": "https://example.com/shop"},
            "CSRF_TRUSTED_ORIGINS has 'https://example.com/shop': expected origins "
            "with a scheme and a host, in lower case and ASCII (IDNA for others), and "
            "nothing after the host but a port",
        ),
        # Django compares origins letter for letter with what browsers send.
        (
            {"CSRF_TRUSTED_ORIGINS": "https://Shop.example"},
            "CSRF_TRUSTED_ORIGINS has 'https://Shop.example': expected",
        ),
        (
            {
                "ENVIRONMENT": "review",
                "DJANGO_SECRET_KEY": PRODUCTION["DJANGO_SECRET_KEY"],
                "CI_ENVIRONMENT_URL": "https://shop_1.example",
            },
            "CI_ENVIRONMENT_URL has 'shop_1.example': expected host names",
        ),
        (
            {"AWS_MEDIA_BUCKET_NAME": "Shop Media"},
            "AWS_MEDIA_BUCKET_NAME='Shop Media' is invalid: expected a bucket name of "
            "3 to 63 lower-case letters, digits, '.' or '-', like shop-media",
        ),
        (
            {"AWS_MEDIA_BUCKET_NAME": "shop_media"},
            "AWS_MEDIA_BUCKET_NAME='shop_media' is invalid: expected a bucket name",
        ),
        (
            {"AWS_MEDIA_BUCKET_NAME": "shop..media"},
            "AWS_MEDIA_BUCKET_NAME='shop..media' is invalid: expected a bucket name",
        ),
        (
            {"GCP_MEDIA_BUCKET_NAME": "m" * 64},
            "GCP_MEDIA_BUCKET_NAME='" + "m" * 64 + "' is invalid: expected a bucket "
            "name of 3 to 63 lower-case letters, digits, '.', '-' or '_' (222 with "
            "dots)",
        ),
        (
            {"GCP_STATIC_BUCKET_NAME": "gs://shop-static"},
            "GCP_STATIC_BUCKET_NAME='gs://shop-static' is invalid: expected a bucket",
        ),
        (
            {
                "AWS_STATIC_BUCKET_NAME": "shop-static",
                "AWS_S3_CUSTOM_DOMAIN": "https://cdn.example.com",
            },
            "AWS_S3_CUSTOM_DOMAIN='https://cdn.example.com' is invalid: expected a "
            "domain without scheme",
        ),
        (
            {"AWS_MEDIA_BUCKET_NAME": "media", "GCP_STATIC_BUCKET_NAME": "static"},
            "AWS_*_BUCKET_NAME and GCP_*_BUCKET_NAME are both set",
        ),
        (
            {"AWS_MEDIA_BUCKET_NAME": "media", "AWS_ACCESS_KEY_ID": "AKIA"},
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: expected both or neither",
        ),
        (
            {"AWS_STATIC_BUCKET_NAME": "static", "AWS_S3_ENDPOINT_URL": "minio:9000"},
            "AWS_S3_ENDPOINT_URL='minio:9000' is invalid: expected a URL like https://",
        ),
        (
            {"APP": "not_a_package"},
            "APP='not_a_package' is not an importable package",
        ),
    ],
)
def test_inconsistent_variables_stop_start_up_with_one_line(project, env, message):
    assert message in one_line(project.refusal({**DEVELOPMENT, **env}))


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["celery", "--app=prefab", "worker"],
        # Django runs a command whose settings raise ImproperlyConfigured without them;
        # the shell would start and hide the mistake.
        ["django-admin", "shell", "--command=print('started')"],
    ],
    ids=["gunicorn", "celery worker", "django-admin shell"],
)
def test_a_bad_value_stops_the_images_commands_with_one_line(runtime_image, command):
    started = subprocess.run(
        [
            "docker",
            "run",
            "--rm",
            *PRODUCTION_OPTIONS,
            "--env=POSTGRES_PORT=abc",
            runtime_image,
            *command,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode != 0
    assert one_line(started.stderr) == (
        "prefab: POSTGRES_PORT='abc' is invalid: expected an integer from 1 to 65535"
    )
    assert started.stdout == ""


def gunicorn_refusal(runtime_image, variable: str, value: str) -> str:
    """What the image's command prints when it refuses to start with variable=value."""
    started = subprocess.run(
        [
            "docker",
            "run",
            "--rm",
            *PRODUCTION_OPTIONS,
            f"--env={variable}={value}",
            runtime_image,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode != 0, started.stderr
    return started.stderr


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        # gunicorn itself would start a master with 0 workers that never answers.
        ("GUNICORN_WORKERS", "0", "an integer from 1 to 64"),
        ("GUNICORN_THREADS", "0", "an integer from 1 to 256"),
        ("GUNICORN_THREADS", "four", "an integer from 1 to 256"),
        ("GUNICORN_TIMEOUT", "60 --reload", "an integer from 0"),
        ("GUNICORN_WORKERS", "200", "an integer from 1 to 64"),
    ],
)
def test_gunicorn_refuses_a_bad_count_with_one_line(
    runtime_image, variable, value, expected
):
    refused = gunicorn_refusal(runtime_image, variable, value)
    assert one_line(refused) == (
        f"prefab: {variable}={value!r} is invalid: expected {expected}"
    )
