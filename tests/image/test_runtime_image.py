"""The runtime image: slim, non-root, and serving with gunicorn as documented."""

import json
import subprocess

import pytest

from tests.conftest import PRODUCTION
from tests.containers import docker, image_config, wait_until_healthy

GUNICORN_FLAGS = [
    "--config=python:prefab.gunicorn",
    "--bind=0.0.0.0:8080",
    "--worker-class=gthread",
    "--worker-tmp-dir=/dev/shm",
]


def gunicorn_processes(container: str) -> list[dict[str, str]]:
    """pid, ppid and uid of the container's gunicorn processes, seen from the host."""
    table = docker("top", container, "-o", "pid,ppid,uid,args").splitlines()[1:]
    rows = [line.split(None, 3) for line in table]
    return [
        {"pid": pid, "ppid": ppid, "uid": uid}
        for pid, ppid, uid, args in rows
        if "gunicorn" in args
    ]


def gunicorn_config(container: str) -> dict:
    """The configuration gunicorn really runs with, as its control socket reports it."""
    shown = docker(
        "exec",
        container,
        "gunicornc",
        "--socket=/dev/shm/gunicorn.ctl",
        "--command=show config",
        "--json",
    )
    return json.loads(shown)


def gunicorn_command_line(container: str) -> list[str]:
    """PID 1's arguments: the command gunicorn really runs with."""
    return docker("exec", container, "cat", "/proc/1/cmdline").split("\0")


@pytest.mark.parametrize("program", ["gcc", "cc", "c++", "make"])
def test_runtime_has_no_compiler(runtime_host, program):
    assert not runtime_host.exists(program)


def test_runtime_has_no_c_headers(runtime_host):
    headers = runtime_host.run("find /usr/include /usr/local/include -name '*.h'")
    assert headers.stdout == ""


def test_runtime_has_no_pip_cache(runtime_host):
    assert (
        runtime_host.run(
            "find / -xdev -type d -path '*/.cache/pip' -print -quit"
        ).stdout
        == ""
    )


@pytest.mark.parametrize("tool", ["pytest", "ruff"])
def test_runtime_has_no_development_tools(runtime_host, tool):
    assert not runtime_host.exists(tool)
    assert runtime_host.run(f"python -c 'import {tool}'").rc != 0


def test_every_shared_library_in_the_runtime_resolves(runtime_host):
    missing = runtime_host.check_output(
        "find /opt/venv /opt/mozjpeg -name '*.so*' -type f -exec ldd {} +"
        " | grep 'not found' || true"
    )
    assert missing == ""


def test_django_settings_module_is_autoconfigure(runtime_image):
    assert (
        "DJANGO_SETTINGS_MODULE=prefab.settings.autoconfigure"
        in image_config(runtime_image)["Env"]
    )


def test_runtime_user_is_numeric_and_not_root(runtime_image):
    user = image_config(runtime_image)["User"].split(":")[0]
    assert user.isdigit() and int(user) != 0


def test_gunicorn_runs_as_non_root(runtime_container):
    processes = gunicorn_processes(runtime_container)
    assert processes and all(process["uid"] != "0" for process in processes)


def test_working_directory_is_app(runtime_image):
    assert image_config(runtime_image)["WorkingDir"] == "/app"


def test_gunicorn_command_line_has_every_flag(runtime_container):
    command_line = gunicorn_command_line(runtime_container)
    assert "gunicorn" in command_line[1]
    for flag in GUNICORN_FLAGS:
        assert flag in command_line


def test_gunicorn_starts_without_errors(runtime_container):
    started = subprocess.run(["docker", "logs", runtime_container], capture_output=True)
    records = [json.loads(line) for line in started.stdout.splitlines()]
    assert any(record["message"].startswith("Booting worker") for record in records)
    assert [record for record in records if record["level"] != "INFO"] == []
    assert started.stderr == b""


def test_gunicorn_runs_2_workers_of_4_threads_with_a_60_s_timeout(runtime_container):
    config = gunicorn_config(runtime_container)
    assert (config["workers"], config["threads"], config["timeout"]) == (2, 4, 60)
    assert config["worker_class"].endswith("gthread.ThreadWorker'>")


def test_gunicorn_serves_two_workers(runtime_container):
    processes = gunicorn_processes(runtime_container)
    pids = {process["pid"] for process in processes}
    arbiters = [process for process in processes if process["ppid"] not in pids]
    workers = [process for process in processes if process["ppid"] in pids]
    assert len(arbiters) == 1
    assert len(workers) == 2


def test_gunicorn_settings_change_without_a_new_command(containers, runtime_image):
    name = containers.run(
        *PRODUCTION,
        "--env=GUNICORN_WORKERS=3",
        "--env=GUNICORN_TIMEOUT=120",
        runtime_image,
    )
    wait_until_healthy(name, "gunicorn with GUNICORN_WORKERS=3")
    config = gunicorn_config(name)
    assert (config["workers"], config["threads"], config["timeout"]) == (3, 4, 120)
    assert "--worker-tmp-dir=/dev/shm" in gunicorn_command_line(name)
    assert len(gunicorn_processes(name)) == 1 + 3


def test_healthcheck_ignores_an_outbound_proxy(runtime_container):
    checked = subprocess.run(
        [
            "docker",
            "exec",
            "--env=http_proxy=http://127.0.0.1:9",
            runtime_container,
            "prefab-healthcheck",
        ],
        capture_output=True,
    )
    assert checked.returncode == 0, checked.stderr


def test_health_url_answers_any_host_header(runtime_container):
    """Probes address the pod by IP, which ALLOWED_HOSTS does not list."""
    status = docker(
        "exec",
        runtime_container,
        "python",
        "-c",
        "import urllib.request as u; r = u.Request('http://127.0.0.1:8080/health/', "
        "headers={'Host': '10.11.12.13:8080'}); print(u.urlopen(r).status)",
    )
    assert status == "200"
