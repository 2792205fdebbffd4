"""Every just recipe, run as a developer would, in a copy of the working tree.

The tests share one stack (see conftest.py) and run in file order: stopping it comes
last.
"""

import json
import textwrap
import uuid

import requests

from tests.containers import wait_until

MISSING_IMAGE_MESSAGE = "POST the image as the multipart field 'image'"


def test_every_public_recipe_has_a_description(project):
    dumped = json.loads(project.just("--dump", "--dump-format=json").stdout)
    public = [recipe for recipe in dumped["recipes"].values() if not recipe["private"]]
    assert {recipe["name"] for recipe in public if not recipe["doc"]} == set()


def test_build_passes_arguments_to_bake(project):
    printed = json.loads(project.just("build", "--print").stdout)
    assert {"build", "runtime"} <= set(printed["target"])


def test_start_serves_the_admin(started):
    response = requests.get(f"{started.url}/admin/login/", timeout=10)
    assert response.status_code == 200


def test_start_again_leaves_the_running_containers_alone(started):
    def container_ids() -> str:
        return started.compose("ps", "--quiet", "web", "worker")

    before = container_ids()
    started.just("start")
    assert container_ids() == before


def test_start_waits_until_every_service_is_healthy(started):
    services = [
        json.loads(line) for line in started.compose("ps", "--format=json").splitlines()
    ]
    assert {service["Service"]: service["Health"] for service in services} == {
        "web": "healthy",
        "worker": "healthy",
        "postgres": "healthy",
        "redis": "healthy",
    }


def test_bash_runs_a_command_in_the_development_environment(started):
    output = started.just("bash", "-c", 'echo "$APP in $ENVIRONMENT"').stdout
    assert output.strip() == "example in development"


def test_settings_come_from_an_optional_env_file(started):
    with started.env_file("LOG_LEVEL=WARNING\n"):
        output = started.just(
            "shell", "-c", "from django.conf import settings; print(settings.LOG_LEVEL)"
        ).stdout
    assert output.splitlines()[-1] == "WARNING"


def test_shell_runs_python_against_the_database(started):
    command = "from example.models import Thumbnail; print(Thumbnail.objects.count())"
    # The last line: Django's shell may first say what it imported by itself.
    assert started.just("shell", "-c", command).stdout.splitlines()[-1] == "0"


def test_superuser_without_a_terminal_or_variables_says_what_it_needs(started):
    refused = started.just("superuser", check=False)
    assert refused.returncode == 2
    assert "set DJANGO_SUPERUSER_USERNAME and DJANGO_SUPERUSER_PASSWORD" in (
        refused.stderr
    )


def logs_in_to_the_admin(url: str, username: str, password: str) -> bool:
    session = requests.Session()
    login_url = f"{url}/admin/login/"
    session.get(login_url, timeout=10).raise_for_status()
    response = session.post(
        login_url,
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
            "next": "/admin/",
        },
        timeout=10,
    )
    return response.url == f"{url}/admin/" and "Site administration" in response.text


def test_superuser_from_environment_can_log_in_to_the_admin(started):
    """The e-mail address is optional, as it is when Django asks."""
    password = uuid.uuid4().hex
    started.just(
        "superuser",
        DJANGO_SUPERUSER_USERNAME="admin",
        DJANGO_SUPERUSER_PASSWORD=password,
    )
    assert logs_in_to_the_admin(started.url, "admin", password)


def test_superuser_noinput_takes_the_user_from_env_file(started):
    """Without an e-mail address there either."""
    password = uuid.uuid4().hex
    with started.env_file(
        f"DJANGO_SUPERUSER_USERNAME=envfile\nDJANGO_SUPERUSER_PASSWORD={password}\n"
    ):
        started.just("superuser", "--noinput")
    assert logs_in_to_the_admin(started.url, "envfile", password)


def test_superuser_keeps_the_email_address_from_env_file(started):
    with started.env_file(
        "DJANGO_SUPERUSER_USERNAME=withmail\nDJANGO_SUPERUSER_PASSWORD=secret-enough\n"
        "DJANGO_SUPERUSER_EMAIL=ops@example.com\n"
    ):
        started.just("superuser", "--noinput")
    command = (
        "from django.contrib.auth.models import User; "
        "print(User.objects.get(username='withmail').email)"
    )
    output = started.just("shell", "-c", command).stdout
    assert output.splitlines()[-1] == "ops@example.com"


def test_edited_view_changes_the_response_without_a_rebuild(started):
    def missing_image_response() -> str:
        return requests.post(f"{started.url}/thumbnails/", timeout=10).text

    assert MISSING_IMAGE_MESSAGE in missing_image_response()

    views = started.path / "example" / "example" / "views.py"
    views.write_text(views.read_text().replace(MISSING_IMAGE_MESSAGE, "edited"))
    wait_until(
        lambda: missing_image_response() == "edited\n",
        "the edited view does not answer",
        started.logs,
    )


def test_edited_prefab_package_is_used_without_a_rebuild(started):
    token = uuid.uuid4().hex
    (started.path / "prefab" / "local_edit.py").write_text(f"TOKEN = {token!r}\n")
    output = started.just(
        "shell", "-c", "from prefab.local_edit import TOKEN; print(TOKEN)"
    ).stdout
    assert output.splitlines()[-1] == token


def test_migrations_makes_and_applies_a_new_migration(started):
    models = started.path / "example" / "example" / "models.py"
    field = "    created = models.DateTimeField(auto_now_add=True)\n"
    models.write_text(
        models.read_text().replace(
            field, field + "    title = models.CharField(max_length=100, blank=True)\n"
        )
    )

    started.just("migrations", "make", "example", "--name=thumbnail_title")
    assert (
        started.path / "example/example/migrations/0002_thumbnail_title.py"
    ).exists()
    shown = started.just("migrations", "show", "example").stdout
    assert "[ ] 0002_thumbnail_title" in shown
    started.just("migrations", "migrate", "example")
    shown = started.just("migrations").stdout
    assert "[X] 0002_thumbnail_title" in shown


def test_migrations_refuses_an_unknown_action(project):
    refused = project.just("migrations", "apply", check=False)
    assert refused.returncode != 0
    assert "expected show, migrate or make (got apply)" in refused.stderr


def test_logs_show_what_the_services_print(started):
    output = started.just("logs", "--follow=false", "web").stdout
    assert "Starting development server at http://0.0.0.0:8080/" in output


def test_restart_restarts_the_worker(started):
    def worker_started_at() -> str:
        worker = started.compose("ps", "--quiet", "worker").strip()
        return started.docker("inspect", "--format={{.State.StartedAt}}", worker)

    before = worker_started_at()
    started.just("restart", "worker")
    assert worker_started_at() != before


def test_lint_fails_on_a_bad_file_and_lint_fix_fixes_it(project):
    bad = project.path / "badly_styled.py"
    bad.write_text("import sys, os\nprint( os.sep,sys.argv )\n")

    failed = project.just("lint", check=False)
    assert failed.returncode != 0
    assert "badly_styled.py" in failed.stdout

    project.just("lint-fix", "badly_styled.py")
    assert bad.read_text() == textwrap.dedent(
        """\
        import os
        import sys

        print(os.sep, sys.argv)
        """
    )
    project.just("lint", "badly_styled.py")


def test_lint_checks_formatting_of_paths_in_the_current_folder(project):
    """Only formatting is wrong here, and the path is relative to a subfolder."""
    (project.path / "example" / "unformatted.py").write_text("x = {  'a':1 }\n")
    failed = project.just("lint", "unformatted.py", folder="example", check=False)
    assert failed.returncode != 0
    assert "1 file would be reformatted" in failed.stdout
    project.just("lint-fix", "unformatted.py", folder="example")
    project.just("lint", "unformatted.py", folder="example")


def test_test_runs_pytest_with_arguments(project):
    (project.path / "test_probe.py").write_text(
        "def test_passes():\n    pass\n\n\ndef test_fails():\n    assert False\n"
    )
    passed = project.just("test", "test_probe.py", "-k", "passes")
    assert "1 passed, 1 deselected" in passed.stdout
    failed = project.just("test", "test_probe.py", "-k", "fails", check=False)
    assert failed.returncode == 1


def test_stop_removes_the_containers_and_keeps_the_database_volume(started):
    """One-off containers too: here, a shell someone left open."""
    started.compose("run", "--detach", "web", "sleep", "600")
    started.just("stop")
    assert started.compose("ps", "--all", "--quiet") == ""
    project_label = f"label=com.docker.compose.project={started.name}"
    volumes = started.docker("volume", "ls", "--quiet", f"--filter={project_label}")
    assert f"{started.name}_postgres-data" in volumes.split()
