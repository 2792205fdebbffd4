"""The Celery app of every Prefab project: `celery --app=prefab worker`.

It reads the CELERY_* Django settings (broker and result backend from
CELERY_BROKER_URL and CELERY_RESULT_BACKEND) and finds the ``tasks`` module of every
installed app, the project's included.
"""

import os

from celery import Celery, signals
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prefab.settings.autoconfigure")

app = Celery("prefab")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.celeryd_after_setup.connect
def keep_the_output_json(instance, **kwargs):
    """The worker's start-up banner is text; where logs are JSON, it is left out, as
    `celery --quiet` would."""
    if settings.LOG_FORMAT == "json":
        instance.quiet = True
