"""The gateway's RPC client against the real Nameko services of the suite."""

import asyncio
import os
import signal
import time
from contextlib import contextmanager

import pytest

from shared.errors import NotFound
from shared.rpc import RemoteError, RpcClient, RpcTimeout, ServiceUnavailable


def run(coroutine_function, timeout=5.0):
    """Run ``coroutine_function(client)`` with a connected client."""

    async def main():
        client = RpcClient(os.environ["AMQP_URI"], timeout=timeout)
        await client.start()
        try:
            return await coroutine_function(client)
        finally:
            await client.close()

    return asyncio.run(main())


@contextmanager
def frozen(process):
    """A service instance that holds its connection but answers nothing."""
    process.send_signal(signal.SIGSTOP)
    try:
        yield
    finally:
        process.send_signal(signal.SIGCONT)


def test_calls_a_service_and_gets_its_result(suite):
    result = run(lambda client: client.call("auth", "ping"))
    assert result["service"] == "auth" and result["database"] == "ok"


def test_domain_errors_come_back_as_themselves(suite):
    with pytest.raises(NotFound) as raised:
        run(lambda client: client.call("auth", "get_user", "not-a-uuid"))
    assert raised.value.code == "USER_NOT_FOUND"


def test_unexpected_remote_errors_are_remote_errors(suite):
    with pytest.raises(RemoteError) as raised:
        run(lambda client: client.call("auth", "no_such_method"))
    assert raised.value.exc_type == "MethodNotFound"


def test_unknown_service_fails_at_once(suite):
    started = time.monotonic()
    with pytest.raises(ServiceUnavailable):
        run(lambda client: client.call("no_such_service", "ping"), timeout=30)
    assert time.monotonic() - started < 10  # far below the call's 30 s timeout


def test_many_concurrent_calls_each_get_their_own_reply(suite):
    async def many(client):
        return await asyncio.gather(*(client.call("auth", "get_user", f"bad-{i}") for i in range(3)),
                                    *(client.call("auth", "ping") for _ in range(100)),
                                    return_exceptions=True)

    results = run(many)
    assert all(isinstance(r, NotFound) for r in results[:3])
    assert all(r["service"] == "auth" for r in results[3:])


def test_a_service_that_does_not_answer_times_out(suite):
    (instance,) = suite.processes["catalog"]
    with frozen(instance):
        with pytest.raises(RpcTimeout):
            run(lambda client: client.call("catalog", "ping", timeout=1.0))


def test_gateway_answers_504_when_a_service_does_not_answer(suite, live_url):
    import httpx

    from tests.support.suite import answers, free_port, wait_until

    port = free_port()
    gateway = suite.start("gateway", env={"PORT": str(port), "RPC_TIMEOUT_SECONDS": "1"})
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until(lambda: answers(url + "/api/health", timeout=1), 30, message="the second gateway")
        (instance,) = suite.processes["catalog"]
        with frozen(instance):
            response = httpx.get(url + "/api/courses", timeout=10)
        assert response.status_code == 504
        assert response.json()["code"] == "GATEWAY_TIMEOUT"
    finally:
        suite.stop(gateway)


def test_gateway_answers_503_at_once_when_a_service_is_down(suite, api):
    with suite.service_down("catalog"):
        started = time.monotonic()
        response = api.get("/api/courses")
        elapsed = time.monotonic() - started
        ready = api.get("/api/ready")
    assert response.status_code == 503
    assert response.json()["code"] == "SERVICE_UNAVAILABLE"
    assert elapsed < 5  # not the 10 s RPC timeout
    assert ready.status_code == 503
    assert "catalog" in ready.json()["message"]
    assert api.get("/api/courses").status_code == 200
