"""`django-admin showconfig`: the configuration in force, and where each part came from.

One line per environment variable the settings read (its value, secrets masked, and
its source: the environment, a NAME_FILE file, a default, or how ENVIRONMENT was
detected), then the settings the project's own modules override. --json prints the
same as one JSON object, for scripts.
"""

import json

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Print the resolved configuration: each variable, its value and its source."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **options):
        variables = settings.PREFAB_VARIABLES.values()
        overrides = getattr(settings, "PREFAB_OVERRIDES", {})
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "variables": {
                            variable.name: {
                                "value": variable.shown,
                                "source": variable.source,
                            }
                            for variable in variables
                        },
                        "overrides": overrides,
                    },
                    indent=2,
                )
            )
            return
        rows = [("VARIABLE", "VALUE", "SOURCE")]
        rows += [(v.name, v.shown, v.source) for v in variables]
        name_width = max(len(name) for name, _, _ in rows)
        value_width = max(len(value) for _, value, _ in rows)
        for name, value, source in rows:
            self.stdout.write(f"{name:<{name_width}}  {value:<{value_width}}  {source}")
        if overrides:
            self.stdout.write("\nSETTINGS OVERRIDDEN BY THE PROJECT")
            for name, module in overrides.items():
                self.stdout.write(f"{name}  from {module}")
