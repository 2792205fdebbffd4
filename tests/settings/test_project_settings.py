"""A project's settings over Prefab's: {APP}.settings, then its ENVIRONMENT module."""

import pytest

from tests.settings.conftest import DEVELOPMENT, PRODUCTION


def scripted(env: dict, source: str) -> dict:
    """env for the project whose settings module runs source."""
    return {**env, "APP": "scripted", "PROJECT_SETTINGS": source}


def test_project_settings_override_the_defaults(project):
    values = project.settings(
        {**DEVELOPMENT, "APP": "probe"}, "LANGUAGE_CODE", "TIME_ZONE", "INSTALLED_APPS"
    )
    assert values["LANGUAGE_CODE"] == "nl"
    assert values["TIME_ZONE"] == "Europe/Amsterdam"
    # Extended, not replaced: Prefab's apps and the project's package stay.
    assert values["INSTALLED_APPS"][-3:] == [
        "prefab",
        "probe",
        "django.contrib.humanize",
    ]


def test_environment_module_overrides_the_project_settings(project):
    env = {**PRODUCTION, "APP": "probe"}
    values = project.settings(env, "LANGUAGE_CODE", "TIME_ZONE")
    assert values == {"LANGUAGE_CODE": "nl", "TIME_ZONE": "Europe/Paris"}


def test_showconfig_names_the_module_of_each_override(project):
    shown = project.run(
        "django-admin", "showconfig", env={**PRODUCTION, "APP": "probe"}
    )
    assert shown.returncode == 0, shown.stderr
    overrides = shown.stdout.split("\n\n")[1]
    assert overrides.splitlines() == [
        "SETTING         OVERRIDDEN BY",
        "INSTALLED_APPS  probe.settings",
        "LANGUAGE_CODE   probe.settings",
        "TIME_ZONE       probe.settings.production",
    ]


def test_project_without_settings_keeps_the_defaults(project):
    values = project.settings({**DEVELOPMENT}, "TIME_ZONE", "ROOT_URLCONF")
    assert values == {"TIME_ZONE": "UTC", "ROOT_URLCONF": "prefab.urls"}


def test_broken_project_settings_stop_start_up_with_one_line(project):
    error = project.refusal({**DEVELOPMENT, "APP": "broken"})
    assert error.strip() == (
        "prefab: broken.settings failed to import: ModuleNotFoundError: "
        "No module named 'a_module_nobody_installed'"
    )


def test_broken_project_package_stops_start_up_with_one_line(project):
    error = project.refusal({**DEVELOPMENT, "APP": "brokenpackage"})
    assert error.strip() == (
        "prefab: brokenpackage failed to import: ModuleNotFoundError: "
        "No module named 'a_module_nobody_installed'"
    )


def test_multi_line_error_of_project_settings_stops_start_up_with_one_line(project):
    env = scripted(DEVELOPMENT, 'raise ValueError("2 errors:\\n  name\\n    missing")')
    assert project.refusal(env).strip() == (
        "prefab: scripted.settings failed to import: ValueError: 2 errors: name missing"
    )


@pytest.mark.parametrize(
    ("source", "error"),
    [
        (
            "DEBUG = True",
            "DEBUG in scripted.settings is true in production: expected false or unset",
        ),
        (
            "ALLOWED_HOSTS = ['shop.example:8000']",
            "ALLOWED_HOSTS in scripted.settings has 'shop.example:8000': expected "
            "host names without scheme, port or path",
        ),
        (
            "LOG_LEVEL = 'verbose'",
            "LOG_LEVEL in scripted.settings is 'verbose': expected one of DEBUG, INFO, "
            "WARNING, ERROR, CRITICAL",
        ),
        (
            "LOG_FORMAT = 'xml'",
            "LOG_FORMAT in scripted.settings is 'xml': expected one of json, text",
        ),
        (
            "SECRET_KEY = 'short'",
            "SECRET_KEY in scripted.settings is too weak for production: expected a "
            "random key of 50 or more characters",
        ),
        (
            "DEBUG = 'False'",
            "DEBUG in scripted.settings is 'False': expected True or False",
        ),
        (
            "ALLOWED_HOSTS = 'shop.example'",
            "ALLOWED_HOSTS in scripted.settings is 'shop.example': expected a list of "
            "strings",
        ),
        (
            "CSRF_TRUSTED_ORIGINS = ['shop.example']",
            "CSRF_TRUSTED_ORIGINS in scripted.settings has 'shop.example': expected "
            "origins with a scheme and a host",
        ),
        (
            "ALLOWED_HOSTS = []",
            "ALLOWED_HOSTS in scripted.settings is empty in production: expected the "
            "site's host names",
        ),
        (
            "SECRET_KEY = ''",
            "SECRET_KEY in scripted.settings is empty or not text: expected a random "
            "key",
        ),
    ],
    ids=[
        "DEBUG",
        "ALLOWED_HOSTS",
        "LOG_LEVEL",
        "LOG_FORMAT",
        "SECRET_KEY",
        "DEBUG string",
        "ALLOWED_HOSTS string",
        "CSRF_TRUSTED_ORIGINS",
        "ALLOWED_HOSTS empty",
        "SECRET_KEY empty",
    ],
)
def test_project_values_are_held_to_the_variables_rules(project, source, error):
    refused = project.refusal(scripted(PRODUCTION, source)).strip()
    assert refused.startswith(f"prefab: {error}")


def test_project_log_level_reaches_the_logging_configuration(project):
    env = {**DEVELOPMENT, "APP": "workeronly"}
    assert project.setting(env, "LOGGING")["root"]["level"] == "DEBUG"


def test_project_without_urls_must_name_its_urlconf(project):
    error = project.refusal({**DEVELOPMENT, "APP": "ownsettings"})
    assert error.strip() == (
        "prefab: ROOT_URLCONF='ownsettings.urls' does not exist: expected "
        "ownsettings/urls.py, or ROOT_URLCONF in the project's settings"
    )


def test_project_settings_may_name_another_urlconf(project):
    env = {**DEVELOPMENT, "APP": "workeronly"}
    assert project.setting(env, "ROOT_URLCONF") == "prefab.urls"
    assert project.run("django-admin", "check", env=env).returncode == 0


def test_own_settings_module_bypasses_autoconfigure(project):
    env = {
        "DJANGO_SETTINGS_MODULE": "ownsettings.settings",
        # Errors for autoconfigure, ignored since it is not read.
        "POSTGRES_PORT": "not-a-port",
        "ENVIRONMENT": "nowhere",
    }
    values = project.settings(env, "OWN_SETTINGS", "SECRET_KEY")
    assert values == {"OWN_SETTINGS": True, "SECRET_KEY": "ownsettings-only"}
