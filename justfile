# Prefab's tasks. `just` alone lists them; every CI job runs one of them.

set shell := ["bash", "-euo", "pipefail", "-c"]

# Arguments reach recipes as "$@", so quoted ones (pytest -k "a and b") stay whole.
set positional-arguments := true

# stop, restart, logs, bash, shell, superuser and migrations: the same for projects.
import 'project-template/recipes.just'

# Where pytest and ruff live on the host (tests drive Docker from outside the images).
venv := justfile_directory() / ".venv"

# list the recipes
default:
    @just --list

# build the build and runtime images with bake; arguments go to bake (e.g. --print)
[group("images")]
build *args:
    #!/usr/bin/env bash
    set -euo pipefail
    # mozjpeg's source is its upstream GitHub release. A machine that cannot reach GitHub
    # (this project's CI, for one) builds the copy that ../shared/bin/mozjpeg-source
    # takes from PyPI instead, and says so.
    if [[ -z "${MOZJPEG_SOURCE:-}" ]] && ! GIT_TERMINAL_PROMPT=0 timeout 10 \
        git ls-remote https://github.com/mozilla/mozjpeg.git HEAD >/dev/null 2>&1; then
        if [[ ! -f .cache/mozjpeg/CMakeLists.txt ]]; then
            if [[ ! -x ../shared/bin/mozjpeg-source ]]; then
                echo "build: GitHub is unreachable and ../shared/bin/mozjpeg-source is" \
                    "missing; set MOZJPEG_SOURCE to a folder holding mozjpeg's source" >&2
                exit 1
            fi
            ../shared/bin/mozjpeg-source .cache/mozjpeg
        fi
        echo "build: GitHub is unreachable; mozjpeg's source comes from PyPI" >&2
        export MOZJPEG_SOURCE="$PWD/.cache/mozjpeg"
    fi
    # A source folder carries its own version; the image build checks the two agree.
    if [[ -f "${MOZJPEG_SOURCE:-}/CMakeLists.txt" && -z "${MOZJPEG_VERSION:-}" ]]; then
        MOZJPEG_VERSION=$(sed -nE 's/^set\(VERSION ([0-9.]+)\).*/\1/p' \
            "$MOZJPEG_SOURCE/CMakeLists.txt")
        export MOZJPEG_VERSION
        echo "build: mozjpeg $MOZJPEG_VERSION from $MOZJPEG_SOURCE" >&2
    fi
    # Without the default attestations (build provenance, which holds the build's time),
    # an unchanged build keeps its image IDs, and images and containers made from them
    # stay current. Set BUILDX_NO_DEFAULT_ATTESTATIONS=0 to attach them.
    export BUILDX_NO_DEFAULT_ATTESTATIONS="${BUILDX_NO_DEFAULT_ATTESTATIONS:-1}"
    # Bake asks before it reads a folder outside this one; the source is ours to read.
    allow=()
    if [[ -d "${MOZJPEG_SOURCE:-}" ]]; then
        allow=("--allow=fs.read=$MOZJPEG_SOURCE")
    fi
    docker buildx bake "${allow[@]}" "$@"

# build the images, then serve example/ until web answers; arguments go to compose up
[group("stack")]
start *args: build
    #!/usr/bin/env bash
    set -euo pipefail
    # Without attestations, an unchanged example builds to the same image ID, so a second
    # start leaves the running containers (and the worker's tasks) alone.
    if ! BUILDX_NO_DEFAULT_ATTESTATIONS=1 docker compose up --build --detach --wait "$@"
    then
        docker compose logs --tail=30 web worker >&2
        exit 1
    fi
    # Only web publishes a port; `just start worker` may leave it stopped.
    if address="$(docker compose port web 8080 2>/dev/null)" && [[ -n "$address" ]]; then
        echo "The example project answers on http://$address/admin/"
    fi

# run the test suite (builds the images); arguments go to pytest
[group("checks")]
[no-cd]
test *args: _venv
    "{{ venv }}/bin/pytest" "$@"

# check style, import order and formatting with ruff; arguments (paths) go to both
[group("checks")]
[no-cd]
lint *args: _venv
    "{{ venv }}/bin/ruff" check "$@"
    "{{ venv }}/bin/ruff" format --check "$@"

# fix what lint reports, where ruff can; arguments (paths) go to both ruff commands
[group("checks")]
[no-cd]
lint-fix *args: _venv
    #!/usr/bin/env bash
    set -uo pipefail
    # Formatting last, since fixes can leave code unformatted; the check's status stays,
    # so that what ruff cannot fix still fails.
    "{{ venv }}/bin/ruff" check --fix "$@"
    fixed=$?
    "{{ venv }}/bin/ruff" format "$@" && exit "$fixed"

# the host's test tools, reinstalled when requirements/tests.txt or dev.txt changes
_venv:
    #!/usr/bin/env bash
    set -euo pipefail
    if [[ ! "{{ venv }}/.installed" -nt requirements/tests.txt \
        || ! "{{ venv }}/.installed" -nt requirements/dev.txt ]]; then
        python3 -m venv "{{ venv }}"
        "{{ venv }}/bin/pip" install --quiet --disable-pip-version-check \
            --requirement requirements/tests.txt
        touch "{{ venv }}/.installed"
    fi

# print image sizes and rebuild times side by side
[group("images")]
benchmark: build
    python3 docs/benchmarks/images.py
