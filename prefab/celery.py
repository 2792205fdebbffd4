"""The Celery app of every Prefab project: `celery --app=prefab worker`.

It reads the CELERY_* Django settings (broker and result backend from
CELERY_BROKER_URL and CELERY_RESULT_BACKEND) and finds the ``tasks`` module of every
installed app, the project's included.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prefab.settings.autoconfigure")

app = Celery("prefab")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
