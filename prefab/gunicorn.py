"""gunicorn's configuration in the images (`--config=python:prefab.gunicorn`).

The master loads the Django settings once before it starts any worker: a bad variable
stops gunicorn with its one-line error, instead of every worker failing to boot with a
traceback. gunicorn's own log lines then take the settings' LOGGING, so that a deployed
site's output is JSON throughout.

Workers, threads and the timeout come from GUNICORN_WORKERS, GUNICORN_THREADS and
GUNICORN_TIMEOUT, checked here like the settings' variables: as flags in the image's
command, gunicorn would take 0 workers, a master that never serves, and refuse a word
with a usage message that does not name the variable. Flags given on a command line
still win over these.
"""

import os
import sys

from django.conf import settings

from prefab.settings.variables import ConfigurationError, Variables

try:
    command_variables = Variables(os.environ)
    # Bounded, so that a stray digit cannot fork the machine out of memory.
    workers = command_variables.integer("GUNICORN_WORKERS", 2, minimum=1, maximum=64)
    threads = command_variables.integer("GUNICORN_THREADS", 4, minimum=1, maximum=256)
    timeout = command_variables.integer("GUNICORN_TIMEOUT", 60, minimum=0)
    logconfig_dict = settings.LOGGING
except ConfigurationError as error:
    sys.exit(f"prefab: {error}")
