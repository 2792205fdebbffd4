#!/usr/bin/env python3
"""Fail unless Pillow, lxml and psycopg2 are our builds, linking the right libraries.

The build image runs this after compiling them, and again after a downstream project's
requirements are installed: a requirement such as psycopg2-binary or a Pillow wheel
would otherwise replace them without a word. Each problem is one line naming the
package.

Usage: prefab-check-compiled [pillow] [lxml] [psycopg2]    (all three by default)
"""

import subprocess
import sys

SYSTEM_LIBRARY_FOLDERS = ("/lib/", "/usr/lib/")


def linked_library(module_file: str, soname: str) -> str:
    """Where the dynamic loader finds `soname` for this module.

    Wheels rename the copies they bundle (libpq-a17e3caa.so.5), so those count too; a
    library compiled into the module shows up as none at all.
    """
    bundled_prefix = soname.split(".so")[0] + "-"
    ldd = subprocess.run(
        ["ldd", module_file], capture_output=True, text=True, check=True
    )
    for line in ldd.stdout.splitlines():
        name, _, resolved = line.strip().partition(" => ")
        if name.startswith((soname, bundled_prefix)):
            return resolved.split(" (")[0]
    return f"no {soname} linked, so one is compiled in"


def check_pillow() -> str | None:
    from PIL import _imaging, features

    libjpeg = linked_library(_imaging.__file__, "libjpeg.so")
    if not libjpeg.startswith("/opt/mozjpeg/lib/"):
        return (
            f"Pillow must link mozjpeg's libjpeg, in /opt/mozjpeg/lib (got {libjpeg!r})"
        )
    if not features.check_feature("mozjpeg"):
        return "Pillow must report the mozjpeg feature (PIL.features)"
    return None


def check_lxml() -> str | None:
    from lxml import etree

    if etree.LIBXML_VERSION != etree.LIBXML_COMPILED_VERSION:
        return (
            f"lxml must run against the libxml2 it was compiled with "
            f"(runs {etree.LIBXML_VERSION}, compiled {etree.LIBXML_COMPILED_VERSION})"
        )
    libxml2 = linked_library(etree.__file__, "libxml2.so")
    if not libxml2.startswith(SYSTEM_LIBRARY_FOLDERS):
        return f"lxml must link the system's libxml2, not its own (got {libxml2!r})"
    return None


def check_psycopg2() -> str | None:
    from psycopg2 import _psycopg

    libpq = linked_library(_psycopg.__file__, "libpq.so")
    if not libpq.startswith(SYSTEM_LIBRARY_FOLDERS):
        return (
            f"psycopg2 must link the system's libpq, not a bundled one such as "
            f"psycopg2-binary's (got {libpq!r})"
        )
    return None


CHECKS = {"pillow": check_pillow, "lxml": check_lxml, "psycopg2": check_psycopg2}


def main(packages: list[str]) -> int:
    unknown = sorted(set(packages) - set(CHECKS))
    if unknown:
        print(
            f"prefab-check-compiled: unknown package {', '.join(unknown)} "
            f"(known: {', '.join(CHECKS)})",
            file=sys.stderr,
        )
        return 2
    problems = [problem for name in packages or CHECKS if (problem := CHECKS[name]())]
    for problem in problems:
        print(f"prefab-check-compiled: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
