"""Prefab: Django settings from the environment, and the services projects need."""

# Loaded with the package, so that @shared_task in any project binds to Prefab's app.
from prefab.celery import app as celery_app

__all__ = ["celery_app"]
