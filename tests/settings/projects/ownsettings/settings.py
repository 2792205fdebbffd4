"""A complete settings module of the project's own: Prefab's are not read at all."""

SECRET_KEY = "ownsettings-only"
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth"]
DATABASES = {}
OWN_SETTINGS = True
