"""`just build` again, with nothing changed: the same images, not copies of them."""

import subprocess

from tests.conftest import ROOT
from tests.containers import docker


def image_id(image: str) -> str:
    return docker("image", "inspect", "--format={{.Id}}", image).strip()


def test_an_unchanged_rebuild_keeps_both_image_ids(build_image, runtime_image):
    """A new ID would make every project built FROM the images, and compose's running
    containers of them, out of date for nothing."""
    before = [image_id(build_image), image_id(runtime_image)]
    subprocess.run(["just", "build"], cwd=ROOT, check=True, capture_output=True)
    assert [image_id(build_image), image_id(runtime_image)] == before
