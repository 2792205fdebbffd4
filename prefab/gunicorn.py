"""gunicorn's configuration in the images (`--config=python:prefab.gunicorn`).

The master loads the Django settings once before it starts any worker: a bad variable
stops gunicorn with its one-line error, instead of every worker failing to boot with a
traceback. gunicorn's own log lines then take the settings' LOGGING, so that a deployed
site's output is JSON throughout.
"""

import sys

from django.conf import settings

from prefab.settings.variables import ConfigurationError

try:
    logconfig_dict = settings.LOGGING
except ConfigurationError as error:
    sys.exit(f"prefab: {error}")
