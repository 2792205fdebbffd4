"""Views using the database and the cache, for tests that watch them fail and heal."""

from django.contrib.auth.models import User
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import path


def users(request):
    return HttpResponse(str(User.objects.count()))


def cached(request):
    """Counts visits in the cache; X-Cache says whether the count was there."""
    visits = cache.get("visits")
    cache.set("visits", (visits or 0) + 1)
    response = HttpResponse(str(visits))
    response["X-Cache"] = "miss" if visits is None else "hit"
    return response


urlpatterns = [
    path("users/", users),
    path("cached/", cached),
]
