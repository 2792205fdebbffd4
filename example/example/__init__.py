"""A downstream project built FROM prefab: JPEG thumbnails, PostgreSQL and Redis."""
