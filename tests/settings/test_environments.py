"""ENVIRONMENT: its detection, and what each environment requires and changes."""

import json
import subprocess

import pytest
import requests

from tests.containers import logs, wait_until
from tests.settings.conftest import DEVELOPMENT, PRODUCTION, PROJECTS, local_url, serve

# --- Detection ------------------------------------------------------------------------


def test_explicit_environment_wins_over_detection(project):
    env = {**PRODUCTION, "ENVIRONMENT": "review", "CI_ENVIRONMENT_NAME": "production"}
    assert project.variables(env)["ENVIRONMENT"] == {
        "value": "review",
        "source": "environment",
    }


def test_production_is_detected_when_nothing_else_is(project):
    assert project.variables(PRODUCTION)["ENVIRONMENT"] == {
        "value": "production",
        "source": "detected: no other environment's marker",
    }


def test_review_is_detected_from_gitlab_review_app_variables(project):
    env = {
        **PRODUCTION,
        "CI_ENVIRONMENT_NAME": "review/fix-login",
        "CI_ENVIRONMENT_URL": "https://fix-login.review.example.com",
    }
    del env["ALLOWED_HOSTS"]
    assert project.variables(env)["ENVIRONMENT"]["value"] == "review"
    values = project.settings(env, "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS")
    assert values == {
        "ALLOWED_HOSTS": ["fix-login.review.example.com"],
        "CSRF_TRUSTED_ORIGINS": ["https://fix-login.review.example.com"],
    }


def test_review_passes_the_deployment_checks_with_zero_warnings(project):
    env = {
        "APP": "prefab",
        "DJANGO_SECRET_KEY": PRODUCTION["DJANGO_SECRET_KEY"],
        "CI_ENVIRONMENT_NAME": "review/fix-login",
        "CI_ENVIRONMENT_URL": "https://fix-login.review.example.com",
    }
    checked = project.run(
        "django-admin", "check", "--deploy", "--fail-level=WARNING", env=env
    )
    assert checked.returncode == 0, checked.stderr


def test_review_url_without_a_host_stops_start_up_with_one_line(project):
    env = {
        "APP": "prefab",
        "DJANGO_SECRET_KEY": PRODUCTION["DJANGO_SECRET_KEY"],
        "CI_ENVIRONMENT_NAME": "review/fix-login",
        "CI_ENVIRONMENT_URL": "https:fix-login.example.com",
    }
    assert project.refusal(env).strip() == (
        "prefab: CI_ENVIRONMENT_URL='https:fix-login.example.com' is invalid: "
        "expected a URL like https://host:port/…"
    )


def test_other_gitlab_environments_are_not_review(project):
    env = {**PRODUCTION, "CI_ENVIRONMENT_NAME": "staging"}
    assert project.variables(env)["ENVIRONMENT"]["value"] == "production"


def test_manage_py_test_is_detected_as_test(project):
    tested = project.run("django-admin", "test", "probe", env={"APP": "probe"})
    assert tested.returncode == 0, tested.stderr
    assert "Ran 1 test" in tested.stderr


def test_pytest_is_detected_as_test(build_image):
    """The build image carries pytest: a project's tests run there."""
    tested = subprocess.run(
        [
            "docker",
            "run",
            "--rm",
            f"--volume={PROJECTS}:/app:ro",
            "--env=PYTHONPATH=/app",
            "--env=APP=probe",
            "--env=DJANGO_SETTINGS_MODULE=prefab.settings.autoconfigure",
            build_image,
            "pytest",
            "-p",
            "no:cacheprovider",
            "/app/check_pytest_environment.py",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "1 passed" in tested.stdout


def test_runserver_is_detected_as_development(containers, runtime_image, services):
    """No variable at all: runserver alone means development, with DEBUG's pages."""
    name = serve(
        containers,
        runtime_image,
        services.network,
        {"APP": "probe"},
        "django-admin",
        "runserver",
        "0.0.0.0:8080",
    )
    url = local_url(name)
    wait_until(
        lambda: requests.get(f"{url}/health/", timeout=5).ok, url, lambda: logs(name)
    )
    missing = requests.get(f"{url}/no-such-page/", timeout=10)
    assert missing.status_code == 404
    assert "Using the URLconf defined in" in missing.text


# --- Secret key -----------------------------------------------------------------------


@pytest.mark.parametrize("environment", ["development", "test"])
def test_development_and_test_run_without_a_secret_key(project, environment):
    key = project.setting({**DEVELOPMENT, "ENVIRONMENT": environment}, "SECRET_KEY")
    assert key.startswith("django-insecure-")


@pytest.mark.parametrize("environment", ["production", "review"])
def test_deployed_environments_refuse_to_start_without_a_secret_key(
    project, environment
):
    env = {"ENVIRONMENT": environment, "ALLOWED_HOSTS": "example.com"}
    assert project.refusal(env).strip() == (
        "prefab: DJANGO_SECRET_KEY is not set: expected a random key of 50 or more "
        f"characters in {environment}"
    )


@pytest.mark.parametrize(
    "key", ["short", "a" * 60, "django-insecure-" + "abcdefghij" * 5]
)
def test_production_refuses_a_weak_secret_key(project, key):
    error = project.refusal({**PRODUCTION, "DJANGO_SECRET_KEY": key})
    assert error.startswith(
        "prefab: DJANGO_SECRET_KEY is too weak for production: expected a random key"
    )
    assert key not in error


# --- Production hardening -------------------------------------------------------------


def test_production_passes_the_deployment_checks_with_zero_warnings(project):
    checked = project.run(
        "django-admin", "check", "--deploy", "--fail-level=WARNING", env=PRODUCTION
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip() == "System check identified no issues (0 silenced)."


def test_production_needs_its_allowed_hosts(project):
    env = {"APP": "prefab", "DJANGO_SECRET_KEY": PRODUCTION["DJANGO_SECRET_KEY"]}
    assert project.refusal(env).strip() == (
        "prefab: ALLOWED_HOSTS is not set: expected the comma-separated host names "
        "this site answers to in production"
    )


@pytest.mark.parametrize("environment", ["production", "review"])
def test_deployed_environments_refuse_debug(project, environment):
    env = {**PRODUCTION, "ENVIRONMENT": environment, "DEBUG": "true"}
    assert project.refusal(env).strip() == (
        f"prefab: DEBUG is true in {environment}: expected false or unset"
    )


def test_production_trusts_https_origins_of_its_hosts(project):
    env = {**PRODUCTION, "ALLOWED_HOSTS": "shop.example.com,.example.org"}
    assert project.setting(env, "CSRF_TRUSTED_ORIGINS") == [
        "https://shop.example.com",
        "https://*.example.org",
    ]


def test_production_redirects_plain_http_but_not_behind_tls(site):
    plain = site.get_directly("/users/", {"X-Forwarded-Proto": "http"})
    assert plain.status_code == 301
    assert plain.headers["Location"].startswith("https://")
    secure = site.get("/users/")
    assert secure.status_code == 200
    assert secure.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


@pytest.mark.parametrize("path", ["/health/", "/health"])
def test_health_url_answers_probes_by_pod_ip_over_plain_http(site, path):
    probe = site.get_directly(path, {"Host": "10.42.0.17:8080"})
    assert (probe.status_code, probe.text) == (200, "ok\n")


def test_health_url_answers_head_without_a_body(site):
    probe = requests.head(f"{site.url}/health/", timeout=10)
    assert (probe.status_code, probe.content) == (200, b"")


@pytest.mark.parametrize(
    ("env", "secure"), [(PRODUCTION, True), ({**DEVELOPMENT, "APP": "probe"}, False)]
)
def test_cookies_are_secure_in_production_only(project, env, secure):
    names = ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE")
    assert project.settings(env, *names) == dict.fromkeys(names, secure)


# --- Logging --------------------------------------------------------------------------


def test_production_logs_one_json_object_per_line(site):
    site.get("/users/")
    site.get("/no-such-page/")
    output = subprocess.run(
        ["docker", "logs", site.container], capture_output=True, text=True
    )
    records = [json.loads(line) for line in output.stdout.splitlines()]
    assert {"gunicorn.error", "gunicorn.access", "django.request"} <= {
        record["logger"] for record in records
    }
    assert all({"time", "level", "message"} <= record.keys() for record in records)
    assert output.stderr == ""


def test_python_warnings_are_logged_as_json_in_production(project):
    warned = project.run(
        "python",
        "-c",
        "import django, warnings; django.setup(); warnings.warn('deprecated call')",
        env=PRODUCTION,
    )
    assert warned.stderr == ""
    record = json.loads(warned.stdout)
    assert (record["logger"], record["level"]) == ("py.warnings", "WARNING")
    assert "UserWarning: deprecated call" in record["message"]


def test_development_logs_readable_text(project):
    logged = project.run(
        "python",
        "-c",
        "import django, logging; django.setup(); "
        "logging.getLogger('probe').warning('disk almost full')",
        env={**DEVELOPMENT, "APP": "probe"},
    )
    assert logged.returncode == 0, logged.stderr
    assert logged.stdout.rstrip().endswith("WARNING probe: disk almost full")
