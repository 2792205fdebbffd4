"""Django's LOGGING for a level and a format: everything to standard output.

That includes the tracebacks of failed requests (which Django only mails to ADMINS by
default), Python's warnings, Celery's lines, and gunicorn's own, which prefab.gunicorn
routes here. "json" writes one JSON object per line, for log collectors; "text" is for
people.
"""

import logging
import logging.config

from pythonjsonlogger.core import RESERVED_ATTRS

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
FORMATS = ("json", "text")

# Loggers that would otherwise also write through handlers of their own (Django's
# defaults, gunicorn's): replaced, not extended, so that no line is written twice.
LOGGERS = ("django", "py.warnings", "gunicorn.error", "gunicorn.access", "celery")


def logging_config(level: str, output_format: str) -> dict:
    level = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
                "datefmt": "%Y-%m-%dT%H:%M:%S%z",
                "rename_fields": {
                    "asctime": "time",
                    "levelname": "level",
                    "name": "logger",
                },
                # The formatter adds a record's extra attributes as fields. Celery's
                # "data" holds each task's arguments, which may be personal or secret
                # and which text logs never show.
                "reserved_attrs": [*RESERVED_ATTRS, "data"],
            },
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": output_format,
            },
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            name: {"handlers": ["stdout"], "level": level, "propagate": False}
            for name in LOGGERS
        },
    }


def configure(config: dict):
    """Django's LOGGING_CONFIG: the dictionary, with Python's warnings routed through
    it (to the py.warnings logger) instead of printed as text to standard error."""
    logging.config.dictConfig(config)
    logging.captureWarnings(True)
