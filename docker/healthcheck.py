#!/usr/bin/env python3
"""Exit 0 when gunicorn answers 200 on the health URL; the image's HEALTHCHECK runs it.

Standard library only, so the check costs no package in the runtime image.
"""

import sys
import urllib.request

HEALTH_URL = "http://127.0.0.1:8080/health/"

# No proxy: an http_proxy variable meant for outbound traffic must not catch localhost.
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

try:
    with opener.open(HEALTH_URL, timeout=4) as response:
        sys.exit(0 if response.status == 200 else 1)
except OSError as error:
    print(f"prefab-healthcheck: {HEALTH_URL}: {error}", file=sys.stderr)
    sys.exit(1)
