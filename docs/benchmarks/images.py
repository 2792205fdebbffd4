"""Print Prefab's image sizes and rebuild times side by side: `just benchmark`.

Sizes are what each image adds on top of its base image, the part Prefab controls.
The downstream rows set the layer that the runtime image's ONBUILD rsync step adds to
example/ against what copying all of /opt/venv would add. Rebuild times run bake and
`docker build` on a copy of the repository with one file changed, so the cache, not the
work tree, decides what is rebuilt.
"""

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_IMAGE = "prefab-example:benchmark"


def run(*command: str, cwd: Path = ROOT) -> str:
    return subprocess.run(
        command, cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def timed(*command: str, cwd: Path = ROOT, env: dict | None = None) -> float:
    started = time.monotonic()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=env)
    return time.monotonic() - started


def layers_bytes(image: str) -> int:
    """The uncompressed size of the image's layers, read from `docker history`."""
    sizes = run("docker", "history", "--human=false", "--format={{.Size}}", image)
    return sum(int(size) for size in sizes.split())


def du_bytes(image: str, path: str) -> int:
    return int(run("docker", "run", "--rm", image, "du", "-sb", path).split()[0])


def onbuild_rsync_layer_bytes(image: str) -> int:
    history = run(
        "docker",
        "history",
        "--human=false",
        "--no-trunc",
        "--format={{.Size}}\t{{.CreatedBy}}",
        image,
    )
    for line in history.splitlines():
        size, created_by = line.split("\t", 1)
        if created_by.startswith("RUN") and "rsync --archive" in created_by:
            return int(size)
    raise SystemExit(f"{image} has no ONBUILD rsync layer")


def copy_of_repository() -> Path:
    """The tracked files in a temporary folder, for builds that change one of them."""
    copy = Path(tempfile.mkdtemp(prefix="prefab-benchmark-"))
    for name in run("git", "ls-files").splitlines():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, copy / name)
    return copy


def megabytes(size: int) -> str:
    return f"{size / 1e6:9.1f} MB"


def seconds(duration: float) -> str:
    return f"{duration:9.1f} s"


def row(label: str, figure: str):
    print(f"  {label:36} {figure}")


def main():
    targets = json.loads(run("just", "build", "--print"))["target"]
    build_image = targets["build"]["tags"][0]
    runtime_image = targets["runtime"]["tags"][0]
    base = targets["build"]["args"]
    full_base = f"python:{base['PYTHON_VERSION']}-{base['DEBIAN_RELEASE']}"
    slim_base = f"python:{base['PYTHON_VERSION']}-slim-{base['DEBIAN_RELEASE']}"
    for image in (full_base, slim_base):  # BuildKit's copy is not in the image store
        run("docker", "pull", "--quiet", image)

    build_all = timed("just", "build")
    build_example = timed(
        "docker",
        "build",
        f"--build-context=prefab-build=docker-image://{build_image}",
        f"--build-context=prefab=docker-image://{runtime_image}",
        f"--tag={EXAMPLE_IMAGE}",
        "example",
    )

    print("Image sizes (added on top of the base image)")
    build_added = layers_bytes(build_image) - layers_bytes(full_base)
    row(build_image, megabytes(build_added))
    row(runtime_image, megabytes(layers_bytes(runtime_image) - layers_bytes(slim_base)))
    example_added = layers_bytes(EXAMPLE_IMAGE) - layers_bytes(runtime_image)
    row(f"{EXAMPLE_IMAGE} (on prefab)", megabytes(example_added))

    print("Downstream venv layer")
    row(
        "rsync of the changes (ONBUILD)",
        megabytes(onbuild_rsync_layer_bytes(EXAMPLE_IMAGE)),
    )
    row("a COPY of all /opt/venv", megabytes(du_bytes(EXAMPLE_IMAGE, "/opt/venv")))

    copy = copy_of_repository()
    try:
        with (copy / "prefab" / "__init__.py").open("a") as module:
            module.write(f"# benchmark run {time.time_ns()}\n")
        # The same mozjpeg source as the images above, and a tag of its own.
        copy_env = os.environ | {
            "MOZJPEG_SOURCE": targets["build"]["contexts"]["mozjpeg-source"],
            "MOZJPEG_VERSION": base["MOZJPEG_VERSION"],
            "TAG": "benchmark",
        }
        after_prefab_change = timed("just", "build", cwd=copy, env=copy_env)
        with (copy / "example" / "example" / "views.py").open("a") as module:
            module.write(f"# benchmark run {time.time_ns()}\n")
        after_code_change = timed(
            "docker", "build", f"--tag={EXAMPLE_IMAGE}-changed", "example", cwd=copy
        )
    finally:
        shutil.rmtree(copy)
        for image in (
            f"{EXAMPLE_IMAGE}-changed",
            "prefab:benchmark",
            "prefab-build:benchmark",
        ):
            subprocess.run(["docker", "image", "rm", image], capture_output=True)

    print("Build times")
    row("bake, nothing changed", seconds(build_all))
    row("bake, prefab/ changed", seconds(after_prefab_change))
    row("example, nothing changed", seconds(build_example))
    row("example, a view changed", seconds(after_code_change))


if __name__ == "__main__":
    main()
