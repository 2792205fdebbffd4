# The build image: a compiler toolchain and every Python package Prefab serves with,
# installed into the virtual environment /opt/venv that runtime.Dockerfile copies.
# Build it with `docker buildx bake build` (docker-bake.hcl supplies the mozjpeg source).

ARG PYTHON_VERSION=3.13
ARG DEBIAN_RELEASE=trixie

# --- mozjpeg ------------------------------------------------------------------------------
# A stage of its own: nothing in requirements/ or prefab/ reaches it, so only a new
# mozjpeg source or version compiles it again.
FROM python:${PYTHON_VERSION}-${DEBIAN_RELEASE} AS mozjpeg

# Used for: cmake drives mozjpeg's build; nasm assembles its SIMD code.
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends \
        cmake \
        nasm \
    ; \
    apt-get clean; \
    rm -rf /var/lib/apt/lists/*

# The source is the named build context "mozjpeg-source" (a Git URL or a folder).
# Libraries go to lib/ whatever the architecture, so later stages name one path; cjpeg
# reads no PNG, so that nothing of mozjpeg needs libpng at run time.
ARG MOZJPEG_VERSION
RUN --mount=type=bind,from=mozjpeg-source,target=/usr/src/mozjpeg \
    set -eux; \
    if ! grep -q "^set(VERSION ${MOZJPEG_VERSION})" /usr/src/mozjpeg/CMakeLists.txt; then \
        echo "mozjpeg-source is not mozjpeg ${MOZJPEG_VERSION} (MOZJPEG_VERSION):" \
            "$(grep -m1 '^set(VERSION' /usr/src/mozjpeg/CMakeLists.txt)" >&2; \
        exit 1; \
    fi; \
    cmake -S /usr/src/mozjpeg -B /tmp/mozjpeg-build \
        -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_INSTALL_PREFIX=/opt/mozjpeg \
        -DCMAKE_INSTALL_LIBDIR=/opt/mozjpeg/lib \
        -DENABLE_STATIC=OFF \
        -DPNG_SUPPORTED=OFF \
    ; \
    cmake --build /tmp/mozjpeg-build --parallel "$(nproc)"; \
    cmake --install /tmp/mozjpeg-build; \
    rm -rf /tmp/mozjpeg-build; \
    /opt/mozjpeg/bin/cjpeg -version

# --- build image --------------------------------------------------------------------------
FROM python:${PYTHON_VERSION}-${DEBIAN_RELEASE} AS build

# Headers of the system libraries the compiled packages link against. Used for:
#   libfreetype-dev, liblcms2-dev, libwebp-dev, zlib1g-dev: Pillow's fonts, colour
#     management, WebP and PNG support;
#   libpq-dev: psycopg2;
#   libxml2-dev, libxslt1-dev: lxml, and anything else that links the same libxml2.
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends \
        libfreetype-dev \
        liblcms2-dev \
        libpq-dev \
        libwebp-dev \
        libxml2-dev \
        libxslt1-dev \
        zlib1g-dev \
    ; \
    apt-get clean; \
    rm -rf /var/lib/apt/lists/*

COPY --from=mozjpeg /opt/mozjpeg /opt/mozjpeg

# One virtual environment holds every dependency, so the runtime image copies one folder.
# The prefab package lives beside it in /opt/prefab, which a .pth file puts on the path:
# changing prefab then leaves the venv, and the runtime's big layer of it, as it was.
ENV VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN set -eux; \
    python -m venv /opt/venv; \
    echo /opt/prefab > "$(python -c 'import site; print(site.getsitepackages()[0])')/prefab.pth"

# Pinned versions of the compiled packages, also read by downstream builds (ONBUILD below),
# and the check that they link the libraries they should. Copied apart from the rest of
# requirements/, so that editing base.txt or dev.txt compiles nothing again.
COPY requirements/compiled.txt /usr/src/prefab/requirements/
COPY --chmod=0755 docker/check-compiled-packages.py /usr/local/bin/prefab-check-compiled

# The compiled packages bypass pip's wheel cache (a tmpfs over it): its key ignores
# compiler flags and system libraries, so it would hand back a wheel built against other
# ones. Downloads stay cached. Stripping drops debugging symbols the images never use.

# Pillow from source against mozjpeg. The base image also has Debian's libjpeg headers:
# the -I/-L flags put mozjpeg's first, and the run path makes the loader pick mozjpeg's
# libjpeg.so at run time.
RUN --mount=type=cache,target=/root/.cache/pip \
    --mount=type=tmpfs,target=/root/.cache/pip/wheels \
    set -eux; \
    CFLAGS="-I/opt/mozjpeg/include" \
    LDFLAGS="-L/opt/mozjpeg/lib -Wl,-rpath,/opt/mozjpeg/lib" \
    pip install \
        --no-binary=pillow \
        --constraint=/usr/src/prefab/requirements/compiled.txt \
        --config-settings=jpeg=enable \
        --config-settings=zlib=enable \
        --config-settings=freetype=enable \
        --config-settings=lcms=enable \
        --config-settings=webp=enable \
        pillow \
    ; \
    find /opt/venv -path '*/PIL/*.so' -exec strip --strip-unneeded {} +; \
    prefab-check-compiled pillow

# lxml and psycopg2 from source against Debian's libraries: lxml's wheel bundles its own
# libxml2, which clashes with other packages that load the system one (xmlsec, for one).
RUN --mount=type=cache,target=/root/.cache/pip \
    --mount=type=tmpfs,target=/root/.cache/pip/wheels \
    set -eux; \
    pip install \
        --no-binary=lxml,psycopg2 \
        --constraint=/usr/src/prefab/requirements/compiled.txt \
        lxml \
        psycopg2 \
    ; \
    find /opt/venv \( -path '*/lxml/*.so' -o -path '*/psycopg2/*.so' \) \
        -exec strip --strip-unneeded {} +; \
    prefab-check-compiled lxml psycopg2

# Everything else Prefab serves with; the compiled packages above already satisfy their
# pins, so pip keeps them.
COPY requirements/ /usr/src/prefab/requirements/
RUN --mount=type=cache,target=/root/.cache/pip \
    set -eux; \
    pip install --requirement=/usr/src/prefab/requirements/base.txt; \
    pip check

# Tests and linting get a virtual environment of their own, which sees /opt/venv's
# packages through a .pth file: a project's CI can run them in its build stage, and the
# runtime image never copies them.
ENV PATH=$PATH:/opt/dev/bin
RUN --mount=type=cache,target=/root/.cache/pip \
    set -eux; \
    python -m venv /opt/dev; \
    venv_packages=$(python -c 'import site; print(site.getsitepackages()[0])'); \
    dev_packages=$(/opt/dev/bin/python -c 'import site; print(site.getsitepackages()[0])'); \
    echo "import site; site.addsitedir('$venv_packages')" > "$dev_packages/prefab-venv.pth"; \
    /opt/dev/bin/pip install --requirement=/usr/src/prefab/requirements/dev.txt; \
    /opt/dev/bin/python -c 'import django, pytest, pytest_django'

# The prefab package last, into /opt/prefab (see the venv above): it changes most often.
COPY pyproject.toml /usr/src/prefab/
COPY prefab/ /usr/src/prefab/prefab/
RUN --mount=type=cache,target=/root/.cache/pip \
    set -eux; \
    pip install --no-deps --target=/opt/prefab /usr/src/prefab; \
    rm -rf /usr/src/prefab/build /usr/src/prefab/*.egg-info; \
    python -c 'import prefab'; \
    /opt/dev/bin/python -c 'import prefab'

# ONBUILD: runs in a downstream project's build stage (`FROM prefab-build AS build`).
# The downstream build context may contain:
#   requirements.txt   the project's own Python dependencies (optional; no -r includes)
# Prefab's compiled packages stay pinned, and are checked again afterwards, so that no
# requirement replaces them with a wheel; pip check fails on conflicting versions.
ONBUILD COPY requirement[s].txt /usr/src/project/
ONBUILD RUN --mount=type=cache,target=/root/.cache/pip \
    set -eu; \
    if [ -f /usr/src/project/requirements.txt ]; then \
        pip install \
            --constraint=/usr/src/prefab/requirements/compiled.txt \
            --requirement=/usr/src/project/requirements.txt; \
        pip check; \
        prefab-check-compiled; \
    fi
