"""Runs the Python source in PROJECT_SETTINGS: any settings module a test needs."""

import os

exec(os.environ.get("PROJECT_SETTINGS", ""))
