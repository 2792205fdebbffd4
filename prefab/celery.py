"""The Celery app of every Prefab project: `celery --app=prefab worker` (and beat).

It reads the CELERY_* Django settings (broker and result backend from
CELERY_BROKER_URL and CELERY_RESULT_BACKEND) and finds the ``tasks`` module of every
installed app, the project's included. Where logs are JSON, the worker and beat leave
out their text banners, as `celery --quiet` would, so that every line is JSON.
"""

import os
from functools import cached_property

from celery import Celery, signals
from celery.apps.beat import Beat
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prefab.settings.autoconfigure")


def logs_are_json() -> bool:
    return settings.LOG_FORMAT == "json"


class QuietBeatWhereLogsAreJson(Beat):
    def __init__(self, *args, quiet=False, **kwargs):
        super().__init__(*args, quiet=quiet or logs_are_json(), **kwargs)


class PrefabCelery(Celery):
    @cached_property
    def Beat(self):  # noqa: N802 - the name Celery gives the beat program's class
        return self.subclass_with_self(QuietBeatWhereLogsAreJson)


app = PrefabCelery("prefab")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.celeryd_after_setup.connect
def keep_the_worker_quiet_where_logs_are_json(instance, **kwargs):
    if logs_are_json():
        instance.quiet = True
