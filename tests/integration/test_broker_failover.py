"""The gateway's connection to a cluster: the first node of AMQP_URI's list
that answers (shared/amqp.py), against the real broker."""

import asyncio
import os

import pytest

from shared import amqp
from shared.rpc import RpcClient
from tests.support.suite import free_port


def test_an_address_list_is_read_as_kombu_reads_it():
    assert amqp.broker_addresses(" amqp://a:5672/ ;amqp://b:5672/; ") == ["amqp://a:5672/", "amqp://b:5672/"]
    with pytest.raises(ValueError):
        amqp.broker_addresses(" ; ")


def dead_address() -> str:
    return f"amqp://guest:guest@127.0.0.1:{free_port()}/"


def test_the_client_connects_to_the_first_node_that_answers(database):
    live = os.environ["AMQP_URI"]

    async def main():
        client = RpcClient(f"{dead_address()};{live}", timeout=5)
        await client.start()
        try:
            # Connected, not retrying in the background: the reply queue is up.
            assert client._connection is not None and client._connector is None
            assert str(client._connection.url).endswith(live.rsplit(":", 1)[1])
        finally:
            await client.close()

    asyncio.run(main())


def test_with_no_node_answering_the_last_error_is_raised():
    async def main():
        await amqp.connect(f"{dead_address()};{dead_address()}", timeout=2, reconnect_interval=1)

    with pytest.raises(OSError):
        asyncio.run(main())
