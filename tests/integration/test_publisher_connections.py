"""A service process opens its publisher connections as it starts
(shared/service/publishers.py), on the real broker."""

import logging
import os
from contextlib import ExitStack
from types import SimpleNamespace

import pytest
from kombu import pools
from nameko.amqp.publish import get_producer

from shared.service.publishers import PublisherConnections
from tests.support.environment import can_make_vhosts, delete_vhost, private_vhost

pytestmark = pytest.mark.skipif(not can_make_vhosts(), reason="needs rabbitmqctl for a vhost of its own")


def started(amqp_uri: str) -> None:
    provider = PublisherConnections()
    provider.container = SimpleNamespace(config={"AMQP_URI": amqp_uri})
    provider.start()


@pytest.fixture
def amqp_uri(database):
    # A vhost no other test publishes on: its pools are this test's alone.
    uri = private_vhost(os.environ["AMQP_URI"], "publishers", fresh=True)
    yield uri
    delete_vhost(uri)


def test_both_pools_hold_connected_producers_once_the_service_has_started(amqp_uri):
    started(amqp_uri)
    for confirms in (True, False):
        with ExitStack() as held:
            producers = [held.enter_context(get_producer(amqp_uri, confirms)) for _ in range(pools.get_limit())]
            # Connected before any publish: a producer taken now and never used is not.
            assert all(producer.connection.connected for producer in producers)
            assert len({id(producer.connection) for producer in producers}) == pools.get_limit()


def test_a_broker_that_does_not_answer_leaves_the_start_to_go_on(caplog):
    with caplog.at_level(logging.WARNING, logger="shared.service.publishers"):
        started("amqp://guest:guest@127.0.0.1:1//")
    assert "publisher connections not opened at start" in caplog.text
