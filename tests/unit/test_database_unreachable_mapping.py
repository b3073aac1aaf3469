"""A database that cannot be reached: which errors say so (shared/db.py
``unreachable``), an RPC answering them as DependencyUnavailable (a 503
with Retry-After at the gateway), and event handlers left to their own rules."""

import asyncio
import sys

import pytest
from sqlalchemy import create_engine
from sqlalchemy import exc as sa_exc

from gateway.errors import on_domain_error
from shared.db import unreachable
from shared.errors import DependencyUnavailable
from shared.service import entrypoints as kits
from tests.support.suite import free_port


class DriverError(Exception):
    def __init__(self, pgcode):
        super().__init__(f"driver error {pgcode}")
        self.pgcode = pgcode


def wrapped(pgcode, cls=sa_exc.OperationalError, invalidated=False):
    return cls("SELECT 1", {}, DriverError(pgcode), connection_invalidated=invalidated)


def refused() -> sa_exc.OperationalError:
    """What the driver raises for a server that is not there (a closed port)."""
    engine = create_engine(f"postgresql+psycopg2://nobody@127.0.0.1:{free_port()}/none")
    try:
        engine.connect()
    except sa_exc.OperationalError as exc:
        return exc
    finally:
        engine.dispose()
    raise AssertionError("nothing listens there")


def test_a_refused_connection_is_unreachable():
    assert unreachable(refused())


@pytest.mark.parametrize(
    "error",
    [
        wrapped(None),  # no SQLSTATE: the connection itself failed
        wrapped("08006"),  # connection failure
        wrapped("57P01"),  # terminated by an administrator's shutdown
        wrapped("57P03"),  # cannot connect now (starting up)
        wrapped("40P01", invalidated=True),  # whatever it was, the connection is gone
        wrapped(None, cls=sa_exc.InterfaceError),  # a connection already closed
    ],
)
def test_connection_failures_are_unreachable(error):
    assert unreachable(error)


@pytest.mark.parametrize(
    "error",
    [
        wrapped("57014"),  # statement_timeout: the server answered
        wrapped("40P01"),  # a deadlock
        wrapped("23505", cls=sa_exc.IntegrityError),
        ValueError("not a database error"),
        DependencyUnavailable(),
    ],
)
def test_statement_failures_are_not(error):
    assert not unreachable(error)


class Consumer:
    """Where the RPC entrypoint hands its reply (nameko's RpcConsumer)."""

    def __init__(self):
        self.replies = []

    def handle_result(self, message, result, exc_info):
        self.replies.append(exc_info)
        return result, exc_info


def rpc_entrypoint():
    entrypoint = kits.Rpc()
    entrypoint.method_name = "course_stats"
    entrypoint.rpc_consumer = Consumer()
    return entrypoint


def exc_info_of(error):
    try:
        raise error
    except Exception:
        return sys.exc_info()


def test_an_rpc_whose_database_is_unreachable_answers_dependency_unavailable():
    entrypoint = rpc_entrypoint()
    entrypoint.handle_result(message=None, worker_ctx=None, result=None, exc_info=exc_info_of(refused()))
    ((kind, error, _traceback),) = entrypoint.rpc_consumer.replies
    assert kind is DependencyUnavailable and error.code == "DATABASE_UNAVAILABLE"


@pytest.mark.parametrize("error", [wrapped("23505", cls=sa_exc.IntegrityError), ValueError("bug")])
def test_other_rpc_failures_are_replied_as_they_are(error):
    entrypoint = rpc_entrypoint()
    entrypoint.handle_result(message=None, worker_ctx=None, result=None, exc_info=exc_info_of(error))
    ((_kind, replied, _traceback),) = entrypoint.rpc_consumer.replies
    assert replied is error


def test_event_handlers_keep_the_database_error():
    """An event whose database is away is given back to the broker by
    ``requeue_on_error`` and must not look like anything else: the kit's
    event handler does not translate errors (only RPC replies do)."""
    requeued = []

    class Handler(kits.EventHandler):
        def __init__(self):
            self.requeue_on_error = True
            self.queue_consumer = type("Q", (), {"requeue_message": lambda _s, m: requeued.append(m)})()

    handler = Handler()
    error_info = exc_info_of(refused())
    result, exc_info = handler.handle_result("message", None, None, error_info)
    assert requeued == ["message"] and exc_info is error_info


def test_the_gateway_answers_it_with_retry_after():
    response = asyncio.run(on_domain_error(None, DependencyUnavailable("db", code="DATABASE_UNAVAILABLE")))
    assert response.status_code == 503 and response.headers["retry-after"] == "1"
    assert b"DATABASE_UNAVAILABLE" in response.body
