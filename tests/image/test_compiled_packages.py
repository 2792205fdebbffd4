"""Pillow, lxml and psycopg2: compiled in the build image, loadable in both images."""

import re

import pytest


@pytest.fixture(params=["build", "runtime"])
def host(request):
    return request.getfixturevalue(f"{request.param}_host")


def python(host, code: str) -> str:
    return host.check_output(f"python -c '{code}'")


def test_mozjpeg_is_the_version_bake_asked_for(build_host, bake):
    version = bake["build"]["args"]["MOZJPEG_VERSION"]
    banner = build_host.run("/opt/mozjpeg/bin/cjpeg -version").stderr
    assert f"mozjpeg version {version} " in banner


def test_pillow_links_mozjpeg(host):
    imaging = python(host, "import PIL._imaging as m; print(m.__file__)")
    libjpeg = [
        line
        for line in host.check_output(f"ldd {imaging}").splitlines()
        if "libjpeg" in line
    ]
    assert len(libjpeg) == 1
    assert "=> /opt/mozjpeg/lib/libjpeg.so" in libjpeg[0]


def test_pillow_features_report_mozjpeg(host):
    assert (
        python(
            host, 'from PIL import features; print(features.check_feature("mozjpeg"))'
        )
        == "True"
    )


@pytest.mark.parametrize("package", ["pillow", "lxml", "psycopg2"])
def test_package_was_compiled_here_not_taken_from_a_wheel(host, package):
    """A wheel built in the image is tagged linux_<arch>; a prebuilt one manylinux."""
    wheel = python(
        host,
        f'from importlib.metadata import distribution; print(distribution("{package}")'
        f'.read_text("WHEEL"))',
    )
    tags = [line for line in wheel.splitlines() if line.startswith("Tag:")]
    assert tags and all("-linux_" in tag for tag in tags), wheel


def test_lxml_runs_against_the_libxml2_it_was_compiled_with(host):
    running, compiled = python(
        host,
        "from lxml import etree; "
        'print(etree.LIBXML_VERSION, etree.LIBXML_COMPILED_VERSION, sep="|")',
    ).split("|")
    assert running == compiled


def test_lxml_links_the_system_libxml2(host):
    """Linked dynamically to Debian's copy, not a static one bundled by a wheel."""
    etree = python(host, "import lxml.etree as m; print(m.__file__)")
    libxml2 = host.check_output(f"ldd {etree} | grep libxml2.so")
    assert re.search(r"=> (/usr)?/lib/[a-z0-9_-]+-linux-gnu/libxml2\.so", libxml2), (
        libxml2
    )


def test_psycopg2_imports(host):
    assert python(host, "import psycopg2; print(psycopg2.__libpq_version__)").isdigit()


def test_build_image_tests_with_the_served_packages(build_host):
    """pytest lives apart from /opt/venv, yet sees Django and prefab installed there."""
    assert build_host.run("pytest --version").rc == 0
    assert build_host.run("ruff --version").rc == 0
    assert (
        build_host.run(
            "$(command -v pytest | xargs dirname)/python -c 'import django, prefab'"
        ).rc
        == 0
    )
