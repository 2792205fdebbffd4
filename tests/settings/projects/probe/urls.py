"""Views using the database, the cache and the broker, for tests that watch them fail
and heal."""

from django.contrib.auth.models import User
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import path

from probe.tasks import add


def users(request):
    return HttpResponse(str(User.objects.count()))


def cached(request):
    """Counts visits in the cache; X-Cache says whether the count was there."""
    visits = cache.get("visits")
    cache.set("visits", (visits or 0) + 1)
    response = HttpResponse(str(visits))
    response["X-Cache"] = "miss" if visits is None else "hit"
    return response


def enqueue(request):
    """Queues a task and answers its id."""
    return HttpResponse(add.delay(2, 3).id)


urlpatterns = [
    path("users/", users),
    path("cached/", cached),
    path("enqueue/", enqueue),
]
