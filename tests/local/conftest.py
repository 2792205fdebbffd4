"""A copy of the working tree with its local stack running, shared by the recipe tests.

The tests run `just` in a copy, so that editing views, making migrations and fixing
lint never touch the repository itself. The copy's stack has a compose project name
and a port of its own, so it runs beside a developer's `just start`; whatever it
created (containers, volumes, networks) is removed at the end.
"""

import os
import shutil
import subprocess
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.containers import free_port

# Machine-local things that the copy links to rather than installs or fetches again: the
# host's test tools, mozjpeg's source (the same content, so bake's cache hits) and the
# ../shared tools that `just build` falls back on where GitHub is unreachable.
LINKED_INTO_THE_COPY = {
    ".venv": ROOT / ".venv",
    ".cache": ROOT / ".cache",
    "../shared": ROOT.parent / "shared",
}


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(__file__).parent in item.path.parents:
            item.add_marker("local")


@dataclass
class Project:
    """A copy of the working tree and the settings of its own compose stack."""

    path: Path
    name: str
    url: str
    environment: dict

    def just(self, *args: str, check: bool = True, folder: str = ".", **variables: str):
        """Run a recipe in a folder of the copy, without a terminal to ask questions
        in; with check, fail the test if the recipe fails."""
        result = subprocess.run(
            ["just", *args],
            cwd=self.path / folder,
            env={**self.environment, **variables},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
        )
        if check and result.returncode != 0:
            pytest.fail(
                f"just {' '.join(args)} exited {result.returncode}:\n"
                f"{result.stdout}\n{result.stderr}"
            )
        return result

    def docker(self, *args: str) -> str:
        """Run a docker command in the copy and return its output."""
        result = subprocess.run(
            ["docker", *args],
            cwd=self.path,
            env=self.environment,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            pytest.fail(
                f"docker {' '.join(args)} exited {result.returncode}:\n{result.stderr}"
            )
        return result.stdout

    def compose(self, *args: str) -> str:
        return self.docker("compose", *args)

    def logs(self) -> str:
        return self.compose("logs", "--tail=40")

    @contextmanager
    def env_file(self, text: str):
        """A .env file beside compose.yaml while the block runs."""
        env = self.path / ".env"
        env.write_text(text)
        try:
            yield
        finally:
            env.unlink()


def copy_working_tree(destination: Path):
    """Copy what git would commit: tracked files as they are now, and new ones that
    .gitignore does not exclude. Timestamps are kept, so that `_venv` finds the shared
    test tools up to date."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        # Listed but deleted in the working tree.
        if not source.is_file():
            continue
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    for link, target in LINKED_INTO_THE_COPY.items():
        if target.exists():
            (destination / link).symlink_to(target)


@pytest.fixture(scope="session")
def project(tmp_path_factory) -> Project:
    """The copy, not started."""
    path = tmp_path_factory.mktemp("local") / "prefab"
    copy_working_tree(path)
    name = f"prefab-local-{uuid.uuid4().hex[:8]}"
    port = free_port()
    environment = {**os.environ, "COMPOSE_PROJECT_NAME": name, "WEB_PORT": str(port)}
    created = Project(path, name, f"http://127.0.0.1:{port}", environment)
    yield created
    created.compose("down", "--volumes", "--remove-orphans")


@pytest.fixture(scope="session")
def started(project) -> Project:
    """The copy's stack after `just start`: every service healthy, web answering."""
    result = project.just("start", check=False)
    if result.returncode != 0:
        pytest.fail(
            f"just start exited {result.returncode}:\n{result.stderr}\n{project.logs()}"
        )
    return project
