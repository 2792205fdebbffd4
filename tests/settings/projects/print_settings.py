"""Prints the settings named on the command line as one JSON object (for the tests)."""

import json
import sys

from django.conf import settings

print(json.dumps({name: getattr(settings, name) for name in sys.argv[1:]}, default=str))
