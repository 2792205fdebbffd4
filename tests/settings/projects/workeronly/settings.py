"""A project that only runs Celery tasks: it serves Prefab's URLs, the admin."""

ROOT_URLCONF = "prefab.urls"
LOG_LEVEL = "DEBUG"
