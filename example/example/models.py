from django.db import models


class Thumbnail(models.Model):
    """A JPEG thumbnail, stored once per distinct uploaded image."""

    source_sha256 = models.CharField(max_length=64, unique=True)
    image = models.ImageField(upload_to="thumbnails/")
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.image.name
