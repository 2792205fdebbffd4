"""gunicorn's configuration in the images (`--config=python:prefab.gunicorn`).

The master loads the Django settings once before it starts any worker: a bad variable
stops gunicorn with its one-line error, instead of every worker failing to boot with a
traceback. gunicorn's own log lines then take the settings' LOGGING, so that a deployed
site's output is JSON throughout.

The image's command passes GUNICORN_WORKERS, GUNICORN_THREADS and GUNICORN_TIMEOUT to
gunicorn's flags, which reject what is not a number but take 0 workers, a master that
never serves. They are checked here too, apart from the settings' variables.
"""

import os
import sys

from django.conf import settings

from prefab.settings.variables import ConfigurationError, Variables

try:
    command_variables = Variables(os.environ)
    command_variables.integer("GUNICORN_WORKERS", None, minimum=1)
    command_variables.integer("GUNICORN_THREADS", None, minimum=1)
    command_variables.integer("GUNICORN_TIMEOUT", None, minimum=0)
    logconfig_dict = settings.LOGGING
except ConfigurationError as error:
    sys.exit(f"prefab: {error}")
