"""Django settings for any project built on Prefab: the images' DJANGO_SETTINGS_MODULE.

Settings flow one way, once, at start-up:

1. prefab.settings.defaults reads the environment variables and sets Prefab's defaults
   for the detected ENVIRONMENT (development, test, review or production);
2. the project's settings module, ``{APP}.settings``, may override any of them;
3. if that module is a package, ``{APP}.settings.{ENVIRONMENT}`` may override again.

Either project module may be absent. One that exists but fails to import stops
start-up, as do any bad variable and an unset APP where the Python path holds a
project: each with one line saying what is wrong. A project that sets
DJANGO_SETTINGS_MODULE to its own module bypasses all of this.
"""

import importlib
import importlib.util
import os
import sys
from pathlib import Path

from prefab.settings import checks, logs
from prefab.settings.variables import (
    ConfigurationError,
    print_configuration_errors_briefly,
)

# Before the defaults read any variable, so that a bad one ends start-up with one line.
sys.excepthook = print_configuration_errors_briefly(sys.excepthook)

from prefab.settings.defaults import *  # noqa: E402, F403 - the defaults are settings
from prefab.settings.defaults import APP, ENVIRONMENT, variables  # noqa: E402


def failure(module_name: str, error: Exception) -> ConfigurationError:
    """The error of a module that failed to import, on one line whatever it said."""
    message = " ".join(str(error).split())
    return ConfigurationError(
        f"{module_name} failed to import: {type(error).__name__}: {message}"
    )


def find_module(name: str):
    """The module's spec if it exists, without running it (its parents do run).

    A parent package that exists but fails to import, even for want of some other
    module, is an error of its own, not a sign that the module is absent.
    """
    try:
        return importlib.util.find_spec(name)
    except ModuleNotFoundError as error:
        if name == error.name or name.startswith(f"{error.name}."):
            return None
        failed = error
    except Exception as error:
        failed = error
    raise failure(name.rpartition(".")[0] or name, failed) from failed


def settings_of(module_name: str) -> dict:
    """The upper-case names of a project settings module: its settings."""
    try:
        module = importlib.import_module(module_name)
    except Exception as error:
        raise failure(module_name, error) from error
    return {name: value for name, value in vars(module).items() if name.isupper()}


def override(module_name: str):
    """Apply the module's settings; record those that change a value."""
    for name, value in settings_of(module_name).items():
        if name not in globals() or globals()[name] != value:
            globals()[name] = value
            PREFAB_OVERRIDES[name] = module_name


def packages_on_python_path() -> list[str]:
    """The packages in PYTHONPATH's folders: in the images, /app, the project's."""
    folders = filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))
    return sorted(
        init.parent.name
        for folder in folders
        for init in Path(folder).glob("*/__init__.py")
    )


# A project image that forgot APP would serve Prefab's own URLs and discard the
# project's Celery tasks, with nothing to say why.
if not variables.is_set("APP") and packages_on_python_path():
    raise ConfigurationError(
        "APP is not set, but the Python path holds the packages "
        f"{', '.join(packages_on_python_path())}: expected APP naming the project's "
        "package (ENV APP=… in its Dockerfile)"
    )

if find_module(APP) is None:
    raise ConfigurationError(
        f"APP={APP!r} is not an importable package: expected the project's package "
        "name, a folder in /app in the images"
    )

# Where each overridden setting came from, for `django-admin showconfig`.
PREFAB_OVERRIDES = {}
project_settings = find_module(f"{APP}.settings")
if project_settings is not None:
    override(project_settings.name)
    if project_settings.submodule_search_locations is not None and find_module(
        f"{APP}.settings.{ENVIRONMENT}"
    ):
        override(f"{APP}.settings.{ENVIRONMENT}")

# The project's values are held to the rules the variables were.
checks.project_values(PREFAB_OVERRIDES, globals(), ENVIRONMENT)

# LOGGING follows LOG_LEVEL and LOG_FORMAT, wherever they were set, unless the project
# sets LOGGING itself.
if "LOGGING" not in PREFAB_OVERRIDES:
    LOGGING = logs.logging_config(LOG_LEVEL, LOG_FORMAT)  # noqa: F405

if find_module(ROOT_URLCONF) is None:  # noqa: F405 - from the defaults or the project
    raise ConfigurationError(
        f"ROOT_URLCONF={ROOT_URLCONF!r} does not exist: expected "  # noqa: F405
        f"{APP}/urls.py, or ROOT_URLCONF in the project's settings"
    )
