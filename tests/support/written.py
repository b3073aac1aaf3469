"""Removing what a test wrote to the catalog through the staff routes:
other tests expect the store to hold the seed's courses and assets alone."""

import uuid

from sqlalchemy import text

from shared.db import service_engine
from tests.support.rpc import rpc_call

# Table, the column that carries the test's prefix, catalog's staff delete.
KINDS = {"courses": ("slug", "delete_course"), "assets": ("title", "delete_asset")}


def remove_written(courses: str | None = None, assets: str | None = None) -> None:
    """Remove the courses whose slug and the assets whose title begin with
    these prefixes: deleted through catalog first, which tells every cache
    (the gateways', learning's), then for good."""
    staff = {"id": str(uuid.uuid4()), "role": "admin"}
    engine = service_engine("catalog", pool_size=1)
    try:
        for table, prefix in (("courses", courses), ("assets", assets)):
            if prefix is None:
                continue
            column, delete = KINDS[table]
            where = {"prefix": prefix + "%"}
            with engine.begin() as conn:
                live = conn.execute(
                    text(f"SELECT id::text FROM catalog.{table} WHERE {column} LIKE :prefix AND deleted_at IS NULL"),
                    where,
                ).scalars().all()
            for row_id in live:
                rpc_call("catalog", delete, staff, row_id)
            with engine.begin() as conn:
                conn.execute(text(f"DELETE FROM catalog.{table} WHERE {column} LIKE :prefix"), where)
    finally:
        engine.dispose()
