"""Overrides of Prefab's defaults in every environment."""

from prefab.settings.defaults import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.humanize"]
LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
# The same as Prefab's: not reported as an override.
USE_TZ = True
