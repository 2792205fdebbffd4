"""Django settings for any project built on Prefab: the images' DJANGO_SETTINGS_MODULE.

Settings flow one way, once, at start-up:

1. prefab.settings.defaults reads the environment variables and sets Prefab's defaults
   for the detected ENVIRONMENT (development, test, review or production);
2. the project's settings module, ``{APP}.settings``, may override any of them;
3. if that module is a package, ``{APP}.settings.{ENVIRONMENT}`` may override again.

Either project module may be absent. One that exists but fails to import stops
start-up, as does any bad variable: each with one line saying what is wrong. A project
that sets DJANGO_SETTINGS_MODULE to its own module bypasses all of this.
"""

import importlib
import importlib.util
import sys

from prefab.settings.variables import (
    ConfigurationError,
    print_configuration_errors_briefly,
)

# Before the defaults read any variable, so that a bad one ends start-up with one line.
sys.excepthook = print_configuration_errors_briefly(sys.excepthook)

from prefab.settings.defaults import *  # noqa: E402, F403 - the defaults are settings
from prefab.settings.defaults import APP, ENVIRONMENT  # noqa: E402


def find_module(name: str):
    """The module's spec if it exists, without running it (its parents do run)."""
    try:
        return importlib.util.find_spec(name)
    except ModuleNotFoundError:
        return None
    except Exception as error:
        raise ConfigurationError(
            f"{name.rpartition('.')[0]} failed to import: "
            f"{type(error).__name__}: {error}"
        ) from error


def settings_of(module_name: str) -> dict:
    """The upper-case names of a project settings module: its settings."""
    try:
        module = importlib.import_module(module_name)
    except Exception as error:
        raise ConfigurationError(
            f"{module_name} failed to import: {type(error).__name__}: {error}"
        ) from error
    return {name: value for name, value in vars(module).items() if name.isupper()}


def override(module_name: str):
    for name, value in settings_of(module_name).items():
        globals()[name] = value
        PREFAB_OVERRIDES[name] = module_name


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

if find_module(ROOT_URLCONF) is None:  # noqa: F405 - from the defaults or the project
    raise ConfigurationError(
        f"ROOT_URLCONF={ROOT_URLCONF!r} does not exist: expected "  # noqa: F405
        f"{APP}/urls.py, or ROOT_URLCONF in the project's settings"
    )
