from django.contrib import admin
from django.urls import path

from example.views import create_thumbnail

urlpatterns = [
    path("admin/", admin.site.urls),
    path("thumbnails/", create_thumbnail, name="create-thumbnail"),
]
