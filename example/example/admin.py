from django.contrib import admin

from example.models import Thumbnail


@admin.register(Thumbnail)
class ThumbnailAdmin(admin.ModelAdmin):
    list_display = ["image", "source_sha256", "created"]
