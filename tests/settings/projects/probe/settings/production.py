"""Overrides in production only, applied after probe.settings."""

TIME_ZONE = "Europe/Paris"
