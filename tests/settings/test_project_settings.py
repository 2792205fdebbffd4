"""A project's settings over Prefab's: {APP}.settings, then its ENVIRONMENT module."""

from tests.settings.conftest import DEVELOPMENT, PRODUCTION


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
