"""The gateway's read deadlines, on a gateway process of its own: a
connection that sends nothing, half a request line or a trickle of header
bytes is closed; a body that does not come is cut with a 408. Raw sockets,
so that the test, not a client library, decides what is sent and when."""

import socket
import time

import pytest

from tests.support.suite import Suite, answers, log_dir_for, wait_until

pytestmark = pytest.mark.suite

HEADER_TIMEOUT = 1.0
BODY_TIMEOUT = 1.5
# Generous for a loaded 2-core machine, well under uvicorn's own 5 s keep-alive.
SLACK = 1.5


@pytest.fixture(scope="module")
def gateway(database):
    env = {"HEADER_READ_TIMEOUT_SECONDS": str(HEADER_TIMEOUT), "BODY_READ_TIMEOUT_SECONDS": str(BODY_TIMEOUT)}
    suite = Suite(log_dir_for("connections"), env=env)
    suite.start("gateway")
    try:
        wait_until(lambda: answers(suite.url + "/api/health"), 30, interval=0.2, message="the gateway")
        yield suite
    finally:
        suite.stop_all()


def connect(gateway) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", gateway.port), timeout=10)
    sock.settimeout(10)
    return sock


def read_response(sock: socket.socket) -> bytes:
    """One response (headers, then a body of its Content-Length)."""
    received = b""
    while b"\r\n\r\n" not in received:
        chunk = sock.recv(65536)
        assert chunk, f"closed after {received!r}"
        received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.lower().split(b"\r\n")
    length = next(int(line.split(b":")[1]) for line in lines if line.startswith(b"content-length:"))
    while len(body) < length:
        body += sock.recv(65536)
    return head + b"\r\n\r\n" + body


def closed_after(sock: socket.socket) -> tuple[float, bytes]:
    """Read until the server closes: (seconds it took, what it sent)."""
    started, received = time.monotonic(), b""
    while chunk := sock.recv(65536):
        received += chunk
    return time.monotonic() - started, received


def test_a_connection_that_sends_nothing_is_closed(gateway):
    with connect(gateway) as sock:
        took, received = closed_after(sock)
    assert took < HEADER_TIMEOUT + SLACK and received == b""


def test_half_a_request_line_is_closed(gateway):
    with connect(gateway) as sock:
        sock.sendall(b"GET /api/hea")
        took, received = closed_after(sock)
    assert took < HEADER_TIMEOUT + SLACK and received == b""


def test_header_bytes_trickling_in_do_not_hold_the_connection(gateway):
    with connect(gateway) as sock:
        started = time.monotonic()
        try:
            for byte in b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100:
                sock.sendall(bytes([byte]))
                time.sleep(0.2)
        except OSError:
            pass  # closed under us, as it should be
        _took, received = closed_after(sock)
    assert time.monotonic() - started < HEADER_TIMEOUT + SLACK and received == b""


def test_a_body_that_does_not_come_is_cut_with_a_408(gateway):
    with connect(gateway) as sock:
        sock.sendall(
            b"POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100\r\n\r\n" + b'{"email": '
        )
        took, received = closed_after(sock)
    assert took < BODY_TIMEOUT + SLACK
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408 ") and b"connection: close" in head.lower()
    assert b'"code": "REQUEST_TIMEOUT"' in body


def test_requests_in_time_are_answered_and_the_next_one_gets_its_own_deadline(gateway):
    # The deadline of a request's headers runs from the previous response:
    # idle time and slow headers together, here 0.75 of it, each time.
    with connect(gateway) as sock:
        for _ in range(3):
            for part in (b"GET /api/health HTTP/1.1\r\n", b"Host: x\r\n", b"\r\n"):
                time.sleep(HEADER_TIMEOUT / 4)
                sock.sendall(part)
            response = read_response(sock)
            assert response.startswith(b"HTTP/1.1 200 "), response
        took, _received = closed_after(sock)  # then idle past it
    assert took < HEADER_TIMEOUT + SLACK
