"""WSGI entry point: ``gunicorn prefab.wsgi`` serves the project that APP names."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prefab.settings.autoconfigure")

application = get_wsgi_application()
