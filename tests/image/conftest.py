"""Containers of the images under test: a build host, gunicorn, the example project.

Every container and network gets a unique name and is removed at the end.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import testinfra

from tests.conftest import PRODUCTION, ROOT
from tests.containers import docker, logs, wait_until

EXAMPLE_IMAGE = "prefab-example:test"


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(__file__).parent in item.path.parents:
            item.add_marker("image")


@pytest.fixture(scope="session")
def example_image(build_project) -> str:
    """example/, built with its two-line Dockerfile."""
    built = build_project(ROOT / "example", EXAMPLE_IMAGE)
    assert built.returncode == 0, built.stderr
    return EXAMPLE_IMAGE


@pytest.fixture(scope="session")
def build_host(containers, build_image):
    name = containers.run("--entrypoint=sleep", build_image, "infinity")
    return testinfra.get_host(f"docker://{name}")


@pytest.fixture(scope="session")
def runtime_host(runtime_container):
    return testinfra.get_host(f"docker://{runtime_container}")


@dataclass
class Stack:
    """The example project's containers, and the URL it answers on."""

    url: str
    web: str
    postgres: str
    redis: str


@pytest.fixture(scope="session")
def example(containers, services, example_image) -> Stack:
    """The example project served on a random local port, with PostgreSQL and Redis."""
    web = containers.run(
        f"--network={services.network}",
        "--publish=127.0.0.1::8080",
        "--env=APP=example",
        *PRODUCTION,
        example_image,
    )
    docker("exec", web, "django-admin", "migrate", "--noinput")

    url = f"http://{docker('port', web, '8080/tcp').splitlines()[0]}"
    wait_until(
        lambda: requests.get(f"{url}/health/", timeout=5).ok,
        f"{example_image} on {url}",
        lambda: logs(web),
    )
    return Stack(url=url, web=web, postgres=services.postgres, redis=services.redis)
