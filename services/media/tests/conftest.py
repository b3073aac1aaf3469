"""Fixtures of media's tests: its own session."""

import pytest


@pytest.fixture
def db(service_db):
    """A session as the ``media`` role, rolled back after the test."""
    return service_db("media")


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

