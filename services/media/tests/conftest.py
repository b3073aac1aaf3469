"""Fixtures of media's tests: its own session."""

import pytest


@pytest.fixture
def db(service_db):
    """A session as the ``media`` role, rolled back after the test."""
    return service_db("media")


@pytest.fixture(scope="session")
def moto_endpoint(tmp_path_factory):
    """moto's standalone S3 server on a free local port, stopped after the run."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = open(tmp_path_factory.mktemp("moto") / "moto.log", "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(endpoint + "/moto-api/", timeout=1)
            break
        except httpx.HTTPError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"moto server did not start; see {log.name}")
            time.sleep(0.2)
    yield endpoint
    process.terminate()
    process.wait(10)
    log.close()


def s3_storage(endpoint: str, bucket: str):
    import boto3

    from media.storage import S3Storage

    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    storage = S3Storage(bucket, client)
    storage.create_bucket_if_missing()
    return storage


@pytest.fixture(params=["local", "s3"])
def storage(request, tmp_path):
    """Each storage backend in turn: the same contract holds for both."""
    import uuid

    from media.storage import LocalStorage

    if request.param == "local":
        return LocalStorage(tmp_path / "media")
    return s3_storage(request.getfixturevalue("moto_endpoint"), f"test-{uuid.uuid4().hex[:12]}")


@pytest.fixture(scope="session")
def short_source(tmp_path_factory):
    """A 3-second 720p title card with sound, made once per run."""
    from media import generate

    path = tmp_path_factory.mktemp("sources") / "short.mp4"
    return generate.title_card(path, "Test lesson", "Module 1 · Lesson 1", seconds=3, height=720, fps=24)

