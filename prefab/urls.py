"""URLs served when APP is prefab itself: the admin. The health URL is middleware."""

from django.contrib import admin
from django.urls import path

urlpatterns = [
    path("admin/", admin.site.urls),
]
