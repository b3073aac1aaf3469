"""The gateway's connection to a broker cluster: AMQP_URI may name several
nodes, separated by ";" (as kombu, and so every Nameko service, reads it).

aio-pika's robust connection reconnects to the one address it was given; a
client of a cluster must move to another node when its own dies. This one
tries the next address at every attempt, first to last and round again.
"""

import itertools

import aio_pika
from yarl import URL


def broker_addresses(amqp_uri: str) -> list[str]:
    addresses = [part.strip() for part in amqp_uri.split(";") if part.strip()]
    if not addresses:
        raise ValueError("AMQP_URI names no broker")
    return addresses


class FailoverConnection(aio_pika.RobustConnection):
    def __init__(self, addresses: list[str], **kwargs):
        super().__init__(URL(addresses[0]), **kwargs)
        self._addresses = itertools.cycle(URL(address) for address in addresses)

    # aio-pika 10.2 (pinned) makes each attempt, the first and every
    # reconnection, through this name-mangled method, with ``self.url``.
    async def _RobustConnection__connect_transport(self) -> None:
        self.url = next(self._addresses)
        await super()._RobustConnection__connect_transport()


async def connect(amqp_uri: str, timeout: float, reconnect_interval: float) -> aio_pika.RobustConnection:
    """A robust connection to the first node of ``amqp_uri`` that answers;
    raises the last node's error if none does."""
    addresses = broker_addresses(amqp_uri)
    error = None
    for start in range(len(addresses)):
        # Each node first in turn: a failed first attempt ends a connection.
        order = addresses[start:] + addresses[:start]
        connection = FailoverConnection(order, reconnect_interval=reconnect_interval)
        try:
            await connection.connect(timeout=timeout)
            return connection
        except (aio_pika.exceptions.AMQPError, OSError) as exc:
            error = exc
            await connection.close()
    raise error
