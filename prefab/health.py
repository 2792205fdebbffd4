"""The health URL that load balancers and container probes poll."""

from django.http import HttpResponse

HEALTH_PATH = "/health/"
# Without the slash too: a redirect (to HTTPS, or to add it) would fail a probe.
HEALTH_PATHS = (HEALTH_PATH, HEALTH_PATH.rstrip("/"))


class HealthCheckMiddleware:
    """Answer HEALTH_PATHS with 200 before any other middleware runs.

    Sitting first means the Host header is never validated (probes often use the pod's
    IP address, which ALLOWED_HOSTS does not list) and no database or cache is touched,
    so a probe reports whether the process serves, not whether its backends are up.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path in HEALTH_PATHS:
            # HEAD gets no body, which gunicorn would otherwise warn about.
            body = "" if request.method == "HEAD" else "ok\n"
            return HttpResponse(body, content_type="text/plain")
        return self.get_response(request)
