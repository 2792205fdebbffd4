"""project-template/: a project built on Prefab gets the same local development.

The template's files go into a new project's folder beside a small package, as its
README section tells users to do; then its recipes run against its own stack.
"""

import os
import shutil
import uuid

import pytest
import requests

from tests.conftest import ROOT
from tests.containers import free_port, wait_until
from tests.local.conftest import Project

TEMPLATE = ROOT / "project-template"
VIEWS = """\
from django.http import HttpResponse
from django.urls import path

urlpatterns = [path("", lambda request: HttpResponse("{greeting}"))]
"""


@pytest.fixture(scope="module")
def shop(bake, tmp_path_factory) -> Project:
    """A project called shop, made from the template and started."""
    path = tmp_path_factory.mktemp("shop")
    # Readable to the image's user, as a checkout is (pytest makes its folders private).
    path.chmod(0o755)
    # Files only: the template has no folders, but tools leave caches in it.
    for template_file in TEMPLATE.iterdir():
        if template_file.is_file():
            shutil.copy2(template_file, path)
    (path / "shop").mkdir()
    (path / "shop" / "__init__.py").write_text("")
    (path / "shop" / "urls.py").write_text(VIEWS.format(greeting="hello from shop"))
    (path / ".env").write_text("APP=shop\n")

    name = f"prefab-shop-{uuid.uuid4().hex[:8]}"
    port = free_port()
    environment = {**os.environ, "COMPOSE_PROJECT_NAME": name, "WEB_PORT": str(port)}
    created = Project(path, name, f"http://127.0.0.1:{port}", environment)
    created.just("start")
    yield created
    created.compose("down", "--volumes", "--remove-orphans")


def test_template_start_serves_the_project(shop):
    assert requests.get(f"{shop.url}/", timeout=10).text == "hello from shop"


def test_template_web_and_worker_share_one_image(shop):
    images = shop.compose("ps", "--format={{.Service}} {{.Image}}").split("\n")
    assert sorted(line for line in images if line) == [
        "postgres postgres:17",
        "redis redis:7",
        "web shop:local",
        "worker shop:local",
    ]


def test_template_recipes_work_on_the_project(shop):
    command = "from django.conf import settings; print(settings.ROOT_URLCONF)"
    assert shop.just("shell", "-c", command).stdout.splitlines()[-1] == "shop.urls"
    assert "[X] 0001_initial" in shop.just("migrations", "show", "auth").stdout


PROJECT_TESTS = """\
import pytest
from django.conf import settings
from django.contrib.auth.models import User


def test_runs_in_the_test_environment():
    assert settings.ENVIRONMENT == "test"


@pytest.mark.django_db
def test_reaches_the_test_database(client):
    User.objects.create_user("tester", password="secret")
    assert client.login(username="tester", password="secret")


def test_fails():
    assert settings.ENVIRONMENT == "production"
"""


def test_template_test_finds_the_projects_tests_py(shop):
    (shop.path / "shop" / "tests.py").write_text(PROJECT_TESTS)
    passed = shop.just("test", "-k", "not fails")
    assert "2 passed, 1 deselected" in passed.stdout
    failed = shop.just("test", "shop/tests.py", "-k", "fails", check=False)
    assert failed.returncode == 1
    assert "1 failed" in failed.stdout


MODELS = """\
from django.db import models


class Product(models.Model):
    name = models.CharField(max_length=100)

    def __str__(self):
        return self.name
"""


def test_template_lint_leaves_the_projects_migrations_alone(shop):
    """Django writes them in a style of its own."""
    (shop.path / "shop" / "models.py").write_text(MODELS)
    shop.just("migrations", "make", "shop")
    assert (shop.path / "shop" / "migrations" / "0001_initial.py").exists()
    shop.just("lint")


def test_template_lint_fails_on_a_bad_file_and_lint_fix_fixes_it(shop):
    bad = shop.path / "shop" / "badly_styled.py"
    bad.write_text("import sys, os\nprint( os.sep,sys.argv )\n")
    failed = shop.just("lint", check=False)
    assert failed.returncode != 0
    assert "badly_styled.py" in failed.stdout

    shop.just("lint-fix", "shop/badly_styled.py")
    assert bad.read_text() == "import os\nimport sys\n\nprint(os.sep, sys.argv)\n"
    shop.just("lint")


def test_template_mounts_the_project_for_edits_without_a_rebuild(shop):
    (shop.path / "shop" / "urls.py").write_text(VIEWS.format(greeting="edited"))
    wait_until(
        lambda: requests.get(f"{shop.url}/", timeout=10).text == "edited",
        "the edited project",
        shop.logs,
    )


def test_template_stop_leaves_no_container(shop):
    shop.just("stop")
    assert shop.compose("ps", "--all", "--quiet") == ""
