"""A downstream project, example/, built FROM the images through their ONBUILD triggers
and served against real PostgreSQL and Redis containers."""

import subprocess

import pytest
import requests

from tests.conftest import PRODUCTION, ROOT
from tests.containers import docker, image_config, logs, wait_until


def onbuild_triggers(image: str) -> list[str]:
    return image_config(image)["OnBuild"] or []


def ppm_image(width: int, height: int) -> bytes:
    """A colour gradient as binary PPM, which Pillow reads and Python writes alone."""
    pixels = bytes(
        channel
        for y in range(height)
        for x in range(width)
        for channel in (x * 255 // width, y * 255 // height, 128)
    )
    return f"P6 {width} {height} 255\n".encode() + pixels


def test_build_image_carries_the_requirements_triggers(build_image):
    copy, install = onbuild_triggers(build_image)
    assert copy.startswith("COPY requirement[s].txt ")
    assert "pip install" in install and "requirements.txt" in install


def test_runtime_image_carries_the_copy_triggers(runtime_image):
    triggers = onbuild_triggers(runtime_image)
    assert any(
        "from=build" in trigger and "/opt/venv" in trigger for trigger in triggers
    )
    assert any(
        trigger.startswith("COPY ") and trigger.endswith(" . /app/")
        for trigger in triggers
    )


def test_downstream_image_carries_no_triggers(example_image):
    assert onbuild_triggers(example_image) == []


def test_downstream_triggers_ran_once(example_image):
    history = docker(
        "image", "history", "--no-trunc", "--format={{.CreatedBy}}", example_image
    )
    copies = [
        step
        for step in history.splitlines()
        if step.startswith("RUN") and "rsync --archive" in step
    ]
    assert len(copies) == 1, history


def test_image_built_from_downstream_fires_no_trigger(example_image, tmp_path):
    """No `build` stage and a stray file: a leaked trigger would fail or copy it."""
    (tmp_path / "Dockerfile").write_text(f"FROM {example_image}\n")
    (tmp_path / "stray-file").write_text("")
    docker("build", "--tag=prefab-example-child:test", str(tmp_path))
    assert (
        subprocess.run(
            [
                "docker",
                "run",
                "--rm",
                "prefab-example-child:test",
                "test",
                "-e",
                "/app/stray-file",
            ]
        ).returncode
        == 1
    )


TWO_LINE_DOCKERFILE = "FROM prefab-build AS build\nFROM prefab\n"


def write_project(
    folder, requirements: str | None = None, dockerfile=TWO_LINE_DOCKERFILE
):
    """The smallest project: a Dockerfile and a package `hello` with two views."""
    (folder / "Dockerfile").write_text(dockerfile)
    (folder / "hello").mkdir()
    (folder / "hello" / "__init__.py").write_text("")
    (folder / "hello" / "urls.py").write_text(
        "from django.http import HttpResponse\n"
        "from django.urls import path\n"
        "def boom(request):\n"
        "    raise RuntimeError('boom from the hello project')\n"
        "urlpatterns = [\n"
        "    path('', lambda request: HttpResponse('hello from APP')),\n"
        "    path('boom/', boom),\n"
        "]\n"
    )
    if requirements is not None:
        (folder / "requirements.txt").write_text(requirements)


@pytest.fixture(scope="module")
def hello(build_project, containers, tmp_path_factory) -> tuple[str, str]:
    """The smallest project, built with no requirements.txt and served: (name, url)."""
    folder = tmp_path_factory.mktemp("hello")
    write_project(folder)
    built = build_project(folder, "prefab-hello:test")
    assert built.returncode == 0, built.stderr

    name = containers.run(
        "--publish=127.0.0.1::8080",
        "--env=APP=hello",
        *PRODUCTION,
        "prefab-hello:test",
    )
    url = f"http://{docker('port', name, '8080/tcp').splitlines()[0]}"
    wait_until(
        lambda: requests.get(f"{url}/health/", timeout=5).ok, url, lambda: logs(name)
    )
    return name, url


def test_project_without_requirements_serves_its_app(hello):
    _, url = hello
    assert requests.get(f"{url}/", timeout=5).text == "hello from APP"


def test_failed_request_is_logged_with_its_traceback(hello):
    name, url = hello
    assert requests.get(f"{url}/boom/", timeout=5).status_code == 500
    assert "RuntimeError: boom from the hello project" in logs(name)


def test_project_files_are_read_only_to_the_app_user(
    build_project, containers, tmp_path
):
    write_project(tmp_path)
    (tmp_path / "notes.txt").write_text("")
    (tmp_path / "notes.txt").chmod(0o666)
    built = build_project(tmp_path, "prefab-modes:test")
    assert built.returncode == 0, built.stderr
    written = subprocess.run(
        [
            "docker",
            "run",
            "--rm",
            "prefab-modes:test",
            "sh",
            "-c",
            "echo x >> /app/notes.txt",
        ],
        capture_output=True,
    )
    assert written.returncode != 0


def test_project_cannot_swap_a_compiled_package_for_a_wheel(build_project, tmp_path):
    """requirements/compiled.txt pins Pillow; a project asking for another one fails."""
    pinned = next(
        line.lower()
        for line in (ROOT / "requirements" / "compiled.txt").read_text().splitlines()
        if line.lower().startswith("pillow==")
    )
    write_project(tmp_path, requirements="Pillow==12.0.0\n")
    built = build_project(tmp_path, "prefab-pillow-conflict:test")
    assert built.returncode != 0
    assert "conflict" in built.stderr.lower()
    assert pinned in built.stderr.lower()


def test_project_cannot_swap_psycopg2_for_psycopg2_binary(build_project, tmp_path):
    write_project(tmp_path, requirements="psycopg2-binary\n")
    built = build_project(tmp_path, "prefab-psycopg2-binary:test")
    assert built.returncode != 0
    assert "psycopg2 must link the system's libpq" in built.stderr


def test_project_requirements_that_conflict_fail_the_build(build_project, tmp_path):
    """Django needs a newer asgiref: pip installs it anyway, pip check must stop it."""
    write_project(tmp_path, requirements="asgiref==3.7.2\n")
    built = build_project(tmp_path, "prefab-asgiref-conflict:test")
    assert built.returncode != 0
    assert "has requirement asgiref" in built.stderr


def test_build_stage_that_is_not_prefab_build_fails_clearly(
    bake, build_project, tmp_path
):
    """A `build` stage with an empty /opt/venv must not empty the runtime's."""
    args = bake["runtime"]["args"]
    slim = f"python:{args['PYTHON_VERSION']}-slim-{args['DEBIAN_RELEASE']}"
    write_project(
        tmp_path,
        dockerfile=f"FROM {slim} AS build\nRUN python -m venv /opt/venv\nFROM prefab\n",
    )
    built = build_project(tmp_path, "prefab-wrong-build-stage:test")
    assert built.returncode != 0
    assert "the stage named 'build' must be made FROM prefab-build" in built.stderr


def test_downstream_requirements_reach_the_runtime(example_image, runtime_image):
    def imports_humanize(image):
        return (
            subprocess.run(
                ["docker", "run", "--rm", image, "python", "-c", "import humanize"],
                capture_output=True,
            ).returncode
            == 0
        )

    assert imports_humanize(example_image)
    assert not imports_humanize(runtime_image)


def test_downstream_code_lands_in_app(example_image):
    listing = docker("run", "--rm", example_image, "ls", "/app").split()
    assert {"manage.py", "example"} <= set(listing)


def test_example_answers_on_the_health_url(example):
    assert requests.get(f"{example.url}/health/", timeout=10).status_code == 200


def test_example_serves_the_admin_with_its_static_files(example):
    login = requests.get(f"{example.url}/admin/login/", timeout=10)
    assert login.status_code == 200
    stylesheet = requests.get(f"{example.url}/static/admin/css/base.css", timeout=10)
    assert stylesheet.status_code == 200
    assert stylesheet.headers["Content-Type"].startswith("text/css")


@pytest.fixture(scope="module")
def thumbnail_responses(example):
    """One image posted twice: stored by the first request, cached for the second."""
    image = ppm_image(300, 200)
    return [
        requests.post(f"{example.url}/thumbnails/", files={"image": image}, timeout=30)
        for _ in range(2)
    ]


def test_example_thumbnail_is_a_jpeg(thumbnail_responses, example):
    first = thumbnail_responses[0]
    assert first.status_code == 200, first.text
    assert first.headers["Content-Type"] == "image/jpeg"
    decoded = subprocess.run(
        [
            "docker",
            "exec",
            "-i",
            example.web,
            "python",
            "-c",
            "import sys; from PIL import Image; "
            "i = Image.open(sys.stdin.buffer); print(i.format, *i.size)",
        ],
        input=first.content,
        capture_output=True,
        check=True,
    )
    assert decoded.stdout.decode().split() == ["JPEG", "128", "85"]


def test_example_thumbnail_is_stored_in_postgresql(thumbnail_responses, example):
    rows = docker(
        "exec",
        example.postgres,
        "psql",
        "--username=postgres",
        "--tuples-only",
        "--no-align",
        "--command=SELECT count(*) FROM example_thumbnail",
    )
    assert rows == "1"


def test_example_thumbnail_comes_from_redis_the_second_time(
    thumbnail_responses, example
):
    assert [response.headers["X-Cache"] for response in thumbnail_responses] == [
        "miss",
        "hit",
    ]
    assert thumbnail_responses[0].content == thumbnail_responses[1].content
    assert docker(
        "exec", example.redis, "redis-cli", "--scan", "--pattern", "*thumbnail:*"
    )


def test_example_rejects_what_is_not_an_image(example):
    response = requests.post(
        f"{example.url}/thumbnails/", files={"image": b"not an image"}, timeout=10
    )
    assert response.status_code == 400
