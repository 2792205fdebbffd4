"""A downstream project, example/, built FROM the images through their ONBUILD triggers
and served against real PostgreSQL and Redis containers."""

import json
import subprocess

import pytest
import requests

from tests.image.conftest import ROOT, SECRET_KEY
from tests.image.containers import docker, logs, wait_until


def onbuild_triggers(image: str) -> list[str]:
    return json.loads(docker("image", "inspect", image))[0]["Config"]["OnBuild"] or []


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
    assert "COPY . /app/" in triggers


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


def test_project_without_requirements_serves_its_app(
    build_project, containers, tmp_path
):
    """The smallest project: the two FROM lines and a package that APP names."""
    (tmp_path / "Dockerfile").write_text("FROM prefab-build AS build\nFROM prefab\n")
    (tmp_path / "hello").mkdir()
    (tmp_path / "hello" / "__init__.py").write_text("")
    (tmp_path / "hello" / "urls.py").write_text(
        "from django.http import HttpResponse\n"
        "from django.urls import path\n"
        "urlpatterns = [path('', lambda request: HttpResponse('hello from APP'))]\n"
    )
    built = build_project(tmp_path, "prefab-hello:test")
    assert built.returncode == 0, built.stderr

    name = containers.run(
        "--publish=127.0.0.1::8080",
        "--env=APP=hello",
        f"--env=SECRET_KEY={SECRET_KEY}",
        "prefab-hello:test",
    )
    url = f"http://{docker('port', name, '8080/tcp').splitlines()[0]}"
    wait_until(
        lambda: requests.get(f"{url}/health/", timeout=5).ok, url, lambda: logs(name)
    )
    assert requests.get(f"{url}/", timeout=5).text == "hello from APP"


def test_project_cannot_swap_a_compiled_package_for_a_wheel(build_project, tmp_path):
    """requirements/compiled.txt pins Pillow; a project asking for another one fails."""
    pinned = next(
        line.lower()
        for line in (ROOT / "requirements" / "compiled.txt").read_text().splitlines()
        if line.lower().startswith("pillow==")
    )
    (tmp_path / "Dockerfile").write_text("FROM prefab-build AS build\nFROM prefab\n")
    (tmp_path / "requirements.txt").write_text("Pillow==12.0.0\n")
    built = build_project(tmp_path, "prefab-pillow-conflict:test")
    assert built.returncode != 0
    assert "conflict" in built.stderr.lower()
    assert pinned in built.stderr.lower()


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
