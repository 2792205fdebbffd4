"""Which environment a process runs in: development, test, review or production.

ENVIRONMENT says so explicitly. Without it, the process is detected as:

- test, under pytest (which sets PYTEST_VERSION for its run) or `manage.py test`;
- review, when CI_ENVIRONMENT_NAME starts with "review/": GitLab's convention for
  review apps, which their deploy job passes on to the containers;
- development, under `manage.py runserver`;
- production otherwise, so that a forgotten variable errs on the safe side.
"""

from pathlib import Path

ENVIRONMENTS = ("development", "test", "review", "production")
# Served to others: held to production's rules (a real secret key, no debug pages).
DEPLOYED = ("review", "production")
DJANGO_PROGRAMS = ("manage.py", "django-admin", "__main__.py")


def detect(environment, argv) -> tuple[str, str]:
    """The environment the process runs in, and why (for showconfig)."""
    program = Path(argv[0]).name if argv else ""
    command = argv[1] if program in DJANGO_PROGRAMS and len(argv) > 1 else None
    if "PYTEST_VERSION" in environment:
        return "test", "detected: running under pytest"
    if command == "test":
        return "test", "detected: manage.py test"
    if environment.get("CI_ENVIRONMENT_NAME", "").startswith("review/"):
        return "review", "detected: CI_ENVIRONMENT_NAME starts with review/"
    if command == "runserver":
        return "development", "detected: manage.py runserver"
    return "production", "detected: no other environment's marker"
