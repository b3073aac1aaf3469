"""SIGTERM stops a process gracefully: what is in flight finishes and is
answered once, nothing is handed to the broker again, and the gateway stops
accepting connections before it stops answering.

A slow call is real work: registering hashes the password with bcrypt, here
at a cost high enough (BCRYPT_ROUNDS) to take a few seconds. The suite is
the test's own, on a vhost of its own.
"""

import signal
import threading
import time
import uuid

import httpx
import pytest

from shared.settings import get_settings
from tests.support.api_client import PASSWORD, unique
from tests.support.environment import can_make_vhosts, private_vhost
from tests.support.observe import handled, queue_state
from tests.support.suite import running_suite, wait_until

pytestmark = pytest.mark.skipif(not can_make_vhosts(), reason="needs rabbitmqctl for a vhost of its own")

# ~4 s a hash on this machine's cores (cost 12 is ~0.28 s, each step doubles):
# longer than the 1-2 s after which Nameko 2.14 alone would close the
# connection of a stopping service (shared/graceful.py).
SLOW_BCRYPT = {"BCRYPT_ROUNDS": "16", "RPC_TIMEOUT_SECONDS": "60"}


@pytest.fixture(scope="module")
def slow_suite(database):
    with running_suite("graceful", private_vhost(get_settings().amqp_uri, "graceful"), SLOW_BCRYPT) as suite:
        yield suite


class SlowRegistration(threading.Thread):
    """POST /api/auth/register in the background, with a known request id."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url = url
        self.request_id = f"slow-{uuid.uuid4().hex[:8]}"
        self.response = None
        self.error = None

    def run(self):
        username = unique()
        body = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
        try:
            self.response = httpx.post(
                self.url + "/api/auth/register",
                json=body,
                headers={"X-Request-ID": self.request_id},
                timeout=90,
            )
        except httpx.HTTPError as exc:
            self.error = exc


def refuses_connections(url: str) -> bool:
    try:
        httpx.get(url + "/api/health", timeout=2)
    except httpx.ConnectError:
        return True
    except httpx.HTTPError:
        return False
    return False


def test_sigterm_lets_a_service_finish_its_call_and_acknowledge_it(slow_suite):
    (auth,) = slow_suite.processes["auth"]
    call = SlowRegistration(slow_suite.url)
    call.start()
    time.sleep(0.5)  # the call is in auth's hands: the hash takes seconds
    started = time.monotonic()
    auth.send_signal(signal.SIGTERM)
    call.join(90)
    answered_after = time.monotonic() - started
    stopped_with = slow_suite.stop(auth, timeout=60)

    assert call.error is None and call.response.status_code == 201, call.response
    assert answered_after > 2.5  # the call outlived Nameko's own closing of the connection
    assert stopped_with == 0
    assert len(handled(auth.log_path, "register", [call.request_id])) == 1
    # Acknowledged before the connection closed: nothing was put back for
    # another instance to run again.
    assert queue_state(slow_suite.amqp_uri, "rpc-auth") == (0, 0)

    slow_suite.start("auth")
    slow_suite.wait_ready()


def test_sigterm_to_the_gateway_refuses_new_connections_and_answers_the_ones_in_flight(slow_suite):
    (gateway,) = slow_suite.processes["gateway"]
    call = SlowRegistration(slow_suite.url)
    call.start()
    time.sleep(0.5)
    gateway.send_signal(signal.SIGTERM)

    wait_until(lambda: refuses_connections(slow_suite.url), 5, message="the gateway to stop accepting")
    assert call.is_alive(), "still answering the request in flight while refusing new ones"
    call.join(90)
    assert call.error is None and call.response.status_code == 201
    # uvicorn shuts down, then re-raises the signal so its exit tells why.
    assert slow_suite.stop(gateway, timeout=30) in (0, -signal.SIGTERM)
    assert "Application shutdown complete." in gateway.log_path.read_text()

    slow_suite.start("gateway")
    slow_suite.wait_ready()
