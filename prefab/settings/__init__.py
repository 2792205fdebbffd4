"""Settings modules; ``prefab.settings.autoconfigure`` is the one images use."""
