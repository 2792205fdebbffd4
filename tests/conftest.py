"""Fixtures of every test folder: the images, built once per session with bake, and a
record of the containers the tests start, removed at the end.

The build goes through `just build`, the command users run, so the tests see exactly
their images.
"""

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.containers import Containers, logs, wait_until, wait_until_healthy

ROOT = Path(__file__).resolve().parents[1]

# The images run in production unless told otherwise. What production needs, and no
# more; plain HTTP, since no TLS proxy stands in front of the tests.
SECRET_KEY = "tests-only-3b9f0e7c1d5a8264-not-a-secret-anywhere-else-7f2c9e1b"
PRODUCTION = (
    f"--env=DJANGO_SECRET_KEY={SECRET_KEY}",
    "--env=ALLOWED_HOSTS=localhost,127.0.0.1",
    "--env=SECURE_SSL_REDIRECT=false",
)


@pytest.fixture(scope="session")
def containers():
    started = Containers()
    yield started
    started.remove_all()


@pytest.fixture(scope="session")
def bake() -> dict:
    """Build with bake once, then return its resolved targets (`bake --print`)."""
    subprocess.run(["just", "build"], cwd=ROOT, check=True)
    printed = subprocess.run(
        ["just", "build", "--print"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(printed.stdout)["target"]


@pytest.fixture(scope="session")
def build_image(bake) -> str:
    return bake["build"]["tags"][0]


@pytest.fixture(scope="session")
def runtime_image(bake) -> str:
    return bake["runtime"]["tags"][0]


@pytest.fixture(scope="session")
def build_project(build_image, runtime_image):
    """Build a downstream project's folder as a user would: `docker build` on its own
    Dockerfile, with `prefab-build` and `prefab` meaning the images under test."""

    def build(folder: Path, tag: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [
                "docker",
                "build",
                f"--build-context=prefab-build=docker-image://{build_image}",
                f"--build-context=prefab=docker-image://{runtime_image}",
                f"--tag={tag}",
                str(folder),
            ],
            capture_output=True,
            text=True,
        )

    return build


@pytest.fixture(scope="session")
def runtime_container(containers, runtime_image) -> str:
    """The runtime image with its own command: gunicorn serving prefab itself."""
    name = containers.run(*PRODUCTION, runtime_image)
    wait_until_healthy(name, f"gunicorn in {runtime_image}")
    return name


@dataclass
class Services:
    """PostgreSQL and Redis on a network of their own, under their default names."""

    network: str
    postgres: str
    redis: str

    def wait_for_postgres(self):
        wait_until(
            lambda: (
                subprocess.run(
                    ["docker", "exec", self.postgres, "pg_isready", "--host=127.0.0.1"],
                    capture_output=True,
                ).returncode
                == 0
            ),
            "PostgreSQL",
            lambda: logs(self.postgres),
        )


@pytest.fixture(scope="session")
def services(containers) -> Services:
    network = containers.network()
    postgres = containers.run(
        f"--network={network}",
        "--network-alias=postgres",
        "--env=POSTGRES_PASSWORD=postgres",
        "postgres:17",
    )
    redis = containers.run(f"--network={network}", "--network-alias=redis", "redis:7")
    started = Services(network=network, postgres=postgres, redis=redis)
    started.wait_for_postgres()
    return started
