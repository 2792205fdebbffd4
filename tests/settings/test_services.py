"""The backing services as configured: PostgreSQL, Redis, Celery and object storage.

Everything is real: the database restarts, Redis goes away, a Celery worker runs in its
own container, and the object stores are moto's S3 server and a Google Cloud Storage
emulator, started on this machine for the session.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest
import requests

from tests.containers import docker, free_port, logs, wait_until
from tests.settings.conftest import PRODUCTION, PROJECTS

# --- PostgreSQL -----------------------------------------------------------------------


def test_database_restart_heals_without_failed_requests(site, services):
    assert site.get("/users/").status_code == 200
    docker("restart", services.postgres)
    services.wait_for_postgres()
    # Every thread of both workers holds a connection the restart broke.
    statuses = [site.get("/users/").status_code for _ in range(16)]
    assert statuses == [200] * 16


# --- Redis ----------------------------------------------------------------------------


def test_redis_outage_degrades_to_cache_misses(site, services):
    site.get("/cached/")
    assert site.get("/cached/").headers["X-Cache"] == "hit"
    docker("stop", services.redis)
    try:
        during = [site.get("/cached/") for _ in range(4)]
        assert [response.status_code for response in during] == [200] * 4
        assert {response.headers["X-Cache"] for response in during} == {"miss"}
    finally:
        docker("start", services.redis)
    wait_until(
        lambda: site.get("/cached/").headers["X-Cache"] == "hit",
        "the cache after Redis came back",
        lambda: logs(site.container),
    )


def test_queueing_a_task_fails_fast_when_redis_stops_answering(site, services):
    """A paused Redis keeps its connections open: without socket timeouts and few
    retries, the request would hang until gunicorn kills its worker, 60 s on. Whichever
    gunicorn worker answers, it has not subscribed to results yet, the slower case."""
    docker("pause", services.redis)
    try:
        response = site.session.get(f"{site.url}/enqueue/", timeout=30)
    finally:
        docker("unpause", services.redis)
    assert response.status_code == 500
    assert site.get("/enqueue/").status_code == 200


# --- Celery ---------------------------------------------------------------------------


def test_celery_task_round_trip_through_redis(containers, runtime_image, services):
    """The worker starts before its broker exists, and waits for it."""
    env = [
        f"--env={name}={value}"
        for name, value in {
            **PRODUCTION,
            "APP": "probe",
            "CELERY_BROKER_URL": "redis://late-redis:6379/1",
        }.items()
    ]
    worker = containers.run(
        f"--network={services.network}",
        f"--volume={PROJECTS}:/app:ro",
        *env,
        runtime_image,
        "celery",
        "--app=prefab",
        "worker",
        "--concurrency=1",
    )
    time.sleep(3)
    containers.run(
        f"--network={services.network}", "--network-alias=late-redis", "redis:7"
    )
    result = subprocess.run(
        [
            "docker",
            "exec",
            *env,
            worker,
            "python",
            "-c",
            "import django; django.setup(); from probe.tasks import add; "
            "print(add.delay(2, 3).get(timeout=60))",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr + logs(worker)
    assert result.stdout.strip() == "5"
    # Production logs are JSON throughout: no start-up banner in between.
    output = subprocess.run(["docker", "logs", worker], capture_output=True, text=True)
    records = [json.loads(line) for line in output.stdout.splitlines()]
    assert any("probe.tasks.add" in record["message"] for record in records)
    # Celery passes each task's arguments along as the record's "data", which a JSON
    # formatter would print: arguments may be personal or secret.
    assert [record for record in records if "data" in record] == []


def test_celery_beat_logs_only_json_in_production(containers, runtime_image, services):
    beat = containers.run(
        f"--network={services.network}",
        f"--volume={PROJECTS}:/app:ro",
        *(
            f"--env={name}={value}"
            for name, value in {**PRODUCTION, "APP": "probe"}.items()
        ),
        runtime_image,
        "celery",
        "--app=prefab",
        "beat",
    )
    wait_until(lambda: "Starting..." in logs(beat), "celery beat", lambda: logs(beat))
    output = subprocess.run(["docker", "logs", beat], capture_output=True, text=True)
    records = [json.loads(line) for line in output.stdout.splitlines()]
    assert any(record["message"] == "beat: Starting..." for record in records)


# --- Object storage -------------------------------------------------------------------


def bridge_gateway() -> str:
    """The address at which containers reach this machine, and this machine itself."""
    return docker(
        "network", "inspect", "bridge", "--format", "{{(index .IPAM.Config 0).Gateway}}"
    )


@pytest.fixture(scope="module")
def local_server():
    """Starts a server program from the test environment; stops it at the end."""
    started = []

    def start(program: str, *args: str) -> str:
        port = free_port()
        executable = Path(sys.executable).parent / program
        process = subprocess.Popen(
            [str(executable), *args, f"--port={port}"]
            if program != "moto_server"
            else [str(executable), "--host=0.0.0.0", f"--port={port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        url = f"http://{bridge_gateway()}:{port}"
        wait_until(lambda: requests.get(url, timeout=2).ok, program, lambda: "")
        return url

    yield start
    for process in started:
        process.terminate()
        process.wait()


def storage_env(storage: dict) -> list[str]:
    return [
        f"--env={name}={value}"
        for name, value in {**PRODUCTION, "APP": "probe", **storage}.items()
    ]


# Runs in the container: media saved and read back through Django's default storage,
# and its URL if the first argument says so.
UPLOAD = """
import django, json, sys
django.setup()
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
name = default_storage.save("probe/upload.txt", ContentFile(b"uploaded bytes"))
print(json.dumps({
    "name": name,
    "read": default_storage.open(name).read().decode(),
    "url": default_storage.url(name) if sys.argv[1:] == ["url"] else None,
}))
"""


def collect_and_upload(runtime_image, storage: dict, *, url: bool) -> dict:
    """collectstatic, then a media upload, in one container with this storage."""
    ran = subprocess.run(
        [
            "docker",
            "run",
            "--rm",
            f"--volume={PROJECTS}:/app:ro",
            *storage_env(storage),
            runtime_image,
            "sh",
            "-c",
            'django-admin collectstatic --noinput >/dev/null && python -c "$0" "$1"',
            UPLOAD,
            "url" if url else "",
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout.strip().splitlines()[-1])


def test_s3_stores_media_and_static_files(local_server, runtime_image):
    endpoint = local_server("moto_server")
    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    for bucket in ("probe-media", "probe-static"):
        s3.create_bucket(Bucket=bucket)

    uploaded = collect_and_upload(
        runtime_image,
        {
            "AWS_MEDIA_BUCKET_NAME": "probe-media",
            "AWS_STATIC_BUCKET_NAME": "probe-static",
            "AWS_S3_ENDPOINT_URL": endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
        },
        url=True,
    )

    assert uploaded["read"] == "uploaded bytes"
    stored = s3.get_object(Bucket="probe-media", Key=uploaded["name"])
    assert stored["Body"].read() == b"uploaded bytes"
    # Media URLs are signed; the signature is what lets this anonymous GET through.
    assert "Signature=" in uploaded["url"]
    assert requests.get(uploaded["url"], timeout=10).content == b"uploaded bytes"
    static = s3.list_objects_v2(Bucket="probe-static", Prefix="admin/css/")
    assert "admin/css/base.css" in [item["Key"] for item in static["Contents"]]


def test_google_cloud_storage_stores_media_and_static_files(
    local_server, runtime_image
):
    endpoint = local_server(
        "gcp-storage-emulator", "start", "--host=0.0.0.0", "--in-memory"
    )
    for bucket in ("probe-media", "probe-static"):
        requests.post(
            f"{endpoint}/storage/v1/b?project=probe", json={"name": bucket}, timeout=10
        ).raise_for_status()

    uploaded = collect_and_upload(
        runtime_image,
        {
            "GCP_MEDIA_BUCKET_NAME": "probe-media",
            "GCP_STATIC_BUCKET_NAME": "probe-static",
            "GCP_PROJECT_ID": "probe",
            # google-cloud-storage's own switch to an emulator, without credentials.
            "STORAGE_EMULATOR_HOST": endpoint,
        },
        # Signing media URLs needs a service account's key, which an emulator lacks.
        url=False,
    )

    assert uploaded["read"] == "uploaded bytes"
    media = requests.get(
        f"{endpoint}/storage/v1/b/probe-media/o/{uploaded['name'].replace('/', '%2F')}",
        params={"alt": "media"},
        timeout=10,
    )
    assert media.content == b"uploaded bytes"
    static = requests.get(
        f"{endpoint}/storage/v1/b/probe-static/o",
        params={"prefix": "admin/css/"},
        timeout=10,
    ).json()
    assert "admin/css/base.css" in [item["name"] for item in static["items"]]
