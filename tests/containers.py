"""Helpers that drive the Docker CLI for the tests: run, wait, clean up."""

import json
import socket
import subprocess
import time
import uuid

import pytest
import requests


def docker(*args: str) -> str:
    """Run a docker command and return its output; fail with its error output."""
    result = subprocess.run(["docker", *args], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(
            f"docker {' '.join(args)} exited {result.returncode}:\n{result.stderr}"
        )
    return result.stdout.strip()


def image_config(image: str) -> dict:
    """The image's configuration: Env, User, Cmd, OnBuild and the rest."""
    return json.loads(docker("image", "inspect", image))[0]["Config"]


def wait_until(ready, what: str, diagnose, timeout: float = 90):
    """Poll ready() until true; on timeout, fail with the last error and diagnose()."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            if ready():
                return
        except (requests.RequestException, subprocess.SubprocessError) as error:
            last_error = error
        time.sleep(0.5)
    pytest.fail(
        f"{what} not ready after {timeout:.0f}s, last error: {last_error}\n{diagnose()}"
    )


class Containers:
    """Starts the session's containers and networks, and removes them afterwards."""

    def __init__(self):
        self.prefix = f"prefab-test-{uuid.uuid4().hex[:8]}"
        self.containers: list[str] = []
        self.networks: list[str] = []

    def network(self) -> str:
        name = f"{self.prefix}-{len(self.networks)}"
        docker("network", "create", name)
        self.networks.append(name)
        return name

    def run(self, *args: str) -> str:
        """`docker run --detach` with these arguments; returns the container's name."""
        name = f"{self.prefix}-{len(self.containers)}"
        docker("run", "--detach", "--name", name, *args)
        self.containers.append(name)
        return name

    def remove_all(self):
        for name in self.containers:
            subprocess.run(
                ["docker", "rm", "--force", "--volumes", name], capture_output=True
            )
        for name in self.networks:
            subprocess.run(["docker", "network", "rm", name], capture_output=True)


def logs(container: str) -> str:
    result = subprocess.run(
        ["docker", "logs", "--tail=40", container], capture_output=True
    )
    return (
        f"--- last lines of {container}'s log ---\n"
        + (result.stdout + result.stderr).decode()
    )


def wait_until_healthy(container: str, what: str):
    """Poll the image's own health check inside the container until it passes."""
    wait_until(
        lambda: (
            subprocess.run(
                ["docker", "exec", container, "prefab-healthcheck"], capture_output=True
            ).returncode
            == 0
        ),
        what,
        lambda: logs(container),
    )


def free_port() -> int:
    """A TCP port that nothing listens on now, for a server the tests start."""
    with socket.socket() as probe:
        probe.bind(("", 0))
        return probe.getsockname()[1]
