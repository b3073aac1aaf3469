"""How long a request body may take to arrive (gateway/connections.py): the
usual deadline, and a longer one for an upload's chunk, bounded by the chunk
limit whatever the request declares."""

from types import SimpleNamespace

import pytest

from gateway.connections import UPLOAD_MIN_BYTES_PER_SECOND, GatewayH11Protocol

MIB = 1024 * 1024


def deadline(method: str, path: str, length: int | None) -> float:
    protocol = GatewayH11Protocol.__new__(GatewayH11Protocol)
    protocol.body_timeout, protocol.max_body_bytes, protocol.upload_chunk_bytes = 30.0, MIB, 8 * MIB
    headers = [(b"content-length", str(length).encode())] if length is not None else []
    protocol.cycle = SimpleNamespace(scope={"method": method, "raw_path": path.encode(), "headers": headers})
    return protocol._body_deadline()


@pytest.mark.parametrize(
    ("method", "path", "length"),
    [("POST", "/api/orders", 900_000), ("PUT", "/api/lessons/x/position", 8 * MIB), ("POST", "/api/admin/uploads", 100)],
)
def test_other_bodies_keep_the_usual_deadline(method, path, length):
    assert deadline(method, path, length) == 30.0


def test_a_chunk_gets_the_time_its_length_takes_at_the_slowest_rate():
    assert deadline("PUT", "/api/admin/uploads/abc", MIB) == 30.0
    assert deadline("PUT", "/api/admin/uploads/abc", 8 * MIB) == 30.0 + 7 * MIB / UPLOAD_MIN_BYTES_PER_SECOND
    # A declared length past the chunk limit (refused anyway), or none, counts as the limit.
    assert deadline("PUT", "/api/admin/uploads/abc", 10**12) == deadline("PUT", "/api/admin/uploads/abc", 8 * MIB)
    assert deadline("PUT", "/api/admin/uploads/abc", None) == deadline("PUT", "/api/admin/uploads/abc", 8 * MIB)
