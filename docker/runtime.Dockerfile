# check=skip=JSONArgsRecommended
# The runtime image: the build image's virtual environment, the prefab package and
# mozjpeg's libraries on a slim base, served by gunicorn as a non-root user. Build it with
# `docker buildx bake runtime`, which passes the build image as the named context
# "prefab-build".

ARG PYTHON_VERSION=3.13
ARG DEBIAN_RELEASE=trixie

FROM python:${PYTHON_VERSION}-slim-${DEBIAN_RELEASE}

# Shared libraries only, no headers. Used for:
#   libfreetype6, liblcms2-2, libwebp7, libwebpdemux2, libwebpmux3: Pillow;
#   libpq5: psycopg2;
#   libxml2, libxslt1.1: lxml;
#   rsync: the ONBUILD step below copies only what a project's requirements changed.
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends \
        libfreetype6 \
        liblcms2-2 \
        libpq5 \
        libwebp7 \
        libwebpdemux2 \
        libwebpmux3 \
        libxml2 \
        libxslt1.1 \
        rsync \
    ; \
    apt-get clean; \
    rm -rf /var/lib/apt/lists/*

# A numeric user, so that orchestrators can verify it is not root. It owns only the media
# folder; the code in /app stays read-only to it.
RUN set -eux; \
    groupadd --system --gid 10001 app; \
    useradd --system --uid 10001 --gid app --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin app; \
    install -d -o app -g app /srv/media

COPY --from=prefab-build /opt/mozjpeg/lib/ /opt/mozjpeg/lib/
COPY --from=prefab-build /opt/venv/ /opt/venv/
COPY --from=prefab-build /opt/prefab/ /opt/prefab/
COPY --chmod=0755 docker/healthcheck.py /usr/local/bin/prefab-healthcheck
COPY --chmod=0755 docker/check-compiled-packages.py /usr/local/bin/prefab-check-compiled

# APP names the project's package (prefab itself unless set): a project sets it at run
# time, or with ENV in its Dockerfile.
# PYTHONPATH makes /app importable from any working directory (django-admin, celery).
ENV VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=prefab.settings.autoconfigure

# Prove the copied packages load the right shared libraries on this slimmer base.
RUN prefab-check-compiled

WORKDIR /app
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
    CMD ["prefab-healthcheck"]

# Workers, threads and the timeout are prefab.gunicorn's, from GUNICORN_WORKERS (2),
# GUNICORN_THREADS (4) and GUNICORN_TIMEOUT (60 s), which also checks the settings once
# before any worker starts and gives gunicorn's own log lines the settings' format.
# Heartbeat files go to /dev/shm: a disk-backed /tmp can stall workers into timeouts.
# The control socket (for gunicornc) would default to $HOME, which is /app and read-only.
CMD ["gunicorn", \
    "--config=python:prefab.gunicorn", \
    "--bind=0.0.0.0:8080", \
    "--worker-class=gthread", \
    "--worker-tmp-dir=/dev/shm", \
    "--control-socket=/dev/shm/gunicorn.ctl", \
    "--access-logfile=-", \
    "prefab.wsgi"]

# ONBUILD: runs in a downstream project's final stage (`FROM prefab`), which must follow
# a stage named "build" made `FROM prefab-build`. The downstream build context must hold
# the Django project's package (named by APP at run time); all of the context lands in
# /app, read-only to the app user whatever its modes, so a .dockerignore that keeps out
# .git, .venv and local media is recommended.
# rsync copies only the files that the project's requirements added, changed or removed
# in /opt/venv (compared by content, not by timestamp), so the downstream image does not
# carry a second copy of every package.
ONBUILD USER root
ONBUILD RUN --mount=type=bind,from=build,target=/mnt/build \
    set -eu; \
    if [ ! -f /mnt/build/opt/prefab/prefab/__init__.py ]; then \
        echo "prefab: the stage named 'build' must be made FROM prefab-build" >&2; \
        exit 1; \
    fi; \
    rsync --archive --checksum --delete /mnt/build/opt/venv/ /opt/venv/; \
    prefab-check-compiled
ONBUILD COPY --chmod=u=rwX,go=rX . /app/
ONBUILD USER 10001:10001
