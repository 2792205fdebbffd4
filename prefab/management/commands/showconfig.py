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
        self._table(
            [("VARIABLE", "VALUE", "SOURCE")]
            + [
                (variable.name, variable.shown, variable.source)
                for variable in variables
            ]
        )
        if overrides:
            self.stdout.write("")
            self._table([("SETTING", "OVERRIDDEN BY")] + list(overrides.items()))

    def _table(self, rows):
        """Rows as columns aligned on their widest cell."""
        widths = [
            max(len(str(cell)) for cell in column) for column in zip(*rows, strict=True)
        ]
        for row in rows:
            cells = [
                f"{cell:<{width}}" for cell, width in zip(row, widths, strict=True)
            ]
            self.stdout.write("  ".join(cells).rstrip())
