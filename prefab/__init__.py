"""Prefab: Django settings, health checks and serving defaults for every project."""
