"""The boto3 client of the media bucket (MEDIA_STORAGE=s3): how media stores
into it and the gateway serves from it, from the S3_* settings.

boto3 is imported here, when a client is made, so that a process on local
storage never loads it."""

from shared.settings import Settings


def s3_client(settings: Settings, max_pool_connections: int = 10):
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3",
        endpoint_url=settings.s3_endpoint_url,
        region_name=settings.s3_region,
        aws_access_key_id=settings.s3_access_key_id,
        aws_secret_access_key=settings.s3_secret_access_key,
        config=Config(
            retries={"max_attempts": 3, "mode": "standard"},
            connect_timeout=5,
            read_timeout=60,
            max_pool_connections=max_pool_connections,
        ),
    )
