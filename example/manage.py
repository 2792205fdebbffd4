#!/usr/bin/env python
"""Django's command-line utility for the example project."""

import os
import sys

from django.core.management import execute_from_command_line

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prefab.settings.autoconfigure")
    os.environ.setdefault("APP", "example")
    execute_from_command_line(sys.argv)
