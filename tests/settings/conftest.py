"""The settings as the runtime image resolves them, against real PostgreSQL and Redis.

The projects in projects/ are mounted at /app, where a project's code lives in its own
image. Most tests run a command in one long-lived container with the environment
variables under test (`docker exec --env`), which costs a fraction of a new container.
"""

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.conftest import SECRET_KEY
from tests.containers import docker, logs, wait_until

PROJECTS = Path(__file__).parent / "projects"

# The least each environment needs to start. Production has to name its hosts. APP has
# to be set, since /app holds packages; prefab is its default value.
DEVELOPMENT = {"ENVIRONMENT": "development", "APP": "prefab"}
PRODUCTION = {
    "APP": "prefab",
    "DJANGO_SECRET_KEY": SECRET_KEY,
    "ALLOWED_HOSTS": "localhost,127.0.0.1",
}


class Project:
    """Commands in a runtime-image container that has the test projects at /app."""

    def __init__(self, container: str):
        self.container = container

    def run(self, *command: str, env: dict) -> subprocess.CompletedProcess:
        variables = [f"--env={name}={value}" for name, value in env.items()]
        return subprocess.run(
            ["docker", "exec", *variables, self.container, *command],
            capture_output=True,
            text=True,
            timeout=120,
        )

    def settings(self, env: dict, *names: str) -> dict:
        """The values of these Django settings under env."""
        printed = self.run("python", "/app/print_settings.py", *names, env=env)
        assert printed.returncode == 0, printed.stderr
        return json.loads(printed.stdout)

    def setting(self, env: dict, name: str):
        return self.settings(env, name)[name]

    def variables(self, env: dict) -> dict:
        """`django-admin showconfig --json`: each variable's value and source."""
        shown = self.run("django-admin", "showconfig", "--json", env=env)
        assert shown.returncode == 0, shown.stderr
        return json.loads(shown.stdout)["variables"]

    def refusal(self, env: dict, *command: str) -> str:
        """What start-up prints when it refuses env: it must exit non-zero."""
        refused = self.run(*(command or ("django-admin", "check")), env=env)
        assert refused.returncode != 0, refused.stdout
        return refused.stderr


@pytest.fixture(scope="session")
def project(containers, services, runtime_image) -> Project:
    name = containers.run(
        f"--network={services.network}",
        f"--volume={PROJECTS}:/app:ro",
        "--entrypoint=sleep",
        runtime_image,
        "infinity",
    )
    return Project(name)


@pytest.fixture(scope="session")
def migrated(project, services):
    migrate = project.run(
        "django-admin", "migrate", "--noinput", env={**PRODUCTION, "APP": "probe"}
    )
    assert migrate.returncode == 0, migrate.stderr


@dataclass
class Site:
    """The probe project served by the image's own command, in production."""

    container: str
    url: str
    session: requests.Session

    def get(self, path: str) -> requests.Response:
        return self.session.get(f"{self.url}{path}", timeout=10)

    def get_directly(self, path: str, headers: dict) -> requests.Response:
        """A request that reaches gunicorn without the proxy, as probes do."""
        return requests.get(
            f"{self.url}{path}", headers=headers, allow_redirects=False, timeout=10
        )


def serve(containers, runtime_image, network: str, env: dict, *command: str) -> str:
    """A container of the runtime image serving /app with env, on a local port."""
    return containers.run(
        f"--network={network}",
        f"--volume={PROJECTS}:/app:ro",
        "--publish=127.0.0.1::8080",
        *(f"--env={name}={value}" for name, value in env.items()),
        runtime_image,
        *command,
    )


def local_url(container: str) -> str:
    return f"http://{docker('port', container, '8080/tcp').splitlines()[0]}"


@pytest.fixture(scope="module")
def site(containers, runtime_image, services, migrated) -> Site:
    """A client session of a browser behind the TLS proxy that production expects."""
    name = serve(
        containers,
        runtime_image,
        services.network,
        {**PRODUCTION, "APP": "probe"},
    )
    url = local_url(name)
    wait_until(
        lambda: requests.get(f"{url}/health/", timeout=5).ok, url, lambda: logs(name)
    )
    session = requests.Session()
    session.headers["X-Forwarded-Proto"] = "https"
    return Site(container=name, url=url, session=session)
