"""Calls between services ask the real broker whether the target runs."""

import os
import uuid

import pytest
from kombu import Connection, Consumer, Queue

from shared.service.proxy import InstanceCheck


@pytest.fixture
def broker(database):
    with Connection(os.environ["AMQP_URI"]) as connection:
        yield connection


@pytest.fixture
def check(broker):
    instances = InstanceCheck(broker.as_uri(include_password=True))
    yield instances
    instances.close()


def a_service_name() -> str:
    return f"ghost-{uuid.uuid4().hex[:8]}"


def test_a_service_that_never_ran_is_not_running(check):
    assert check.running(a_service_name()) is False
    assert check.running(a_service_name()) is False  # the check survives the closed channel


def test_a_queue_without_consumers_is_not_running(broker, check):
    name = a_service_name()
    queue = Queue(f"rpc-{name}", channel=broker.channel(), auto_delete=True)
    queue.declare()
    try:
        assert check.running(name) is False
    finally:
        queue.delete()


def test_a_queue_with_a_consumer_is_running(broker, check):
    name = a_service_name()
    channel = broker.channel()
    queue = Queue(f"rpc-{name}", channel=channel, auto_delete=True)
    with Consumer(channel, queues=[queue], callbacks=[lambda body, message: None]):
        assert check.running(name) is True


def test_an_unreachable_broker_means_not_running():
    check = InstanceCheck("amqp://guest:guest@127.0.0.1:1//")
    assert check.running("catalog") is False
