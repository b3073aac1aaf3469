"""How many broker connections a service process publishes on.

Nameko publishes (replies, events, calls to other services) through kombu's
pools: one pool of connections and producers per broker URI and options
(with confirms, without), each grown on first use up to kombu's global limit,
10, and kept. So a process kept as many connections as it had ever had
workers publishing at once, and its count rose with each new peak of load
(docs/performance.md: 47 connections before a load run, 50 after).

Here every pool holds PUBLISHER_CONNECTIONS (2), opened as the service starts
(``PublisherConnections``), so that the count is the same from the start
through any load. A worker that finds them all in use waits for one, as a
green thread: a publish holds its producer for a socket write, or, with
confirms, one round trip to the broker.
"""

import logging
from contextlib import ExitStack

from kombu import pools
from nameko.amqp.publish import get_producer
from nameko.constants import AMQP_SSL_CONFIG_KEY, AMQP_URI_CONFIG_KEY, LOGIN_METHOD_CONFIG_KEY
from nameko.extensions import DependencyProvider

from shared.settings import get_settings

log = logging.getLogger(__name__)


def install() -> None:
    pools.set_limit(get_settings().publisher_connections)


class PublisherConnections(DependencyProvider):
    """Fills both of Nameko's publisher pools (with confirms: events and calls;
    without: replies) with connected producers when the service starts. The
    pools are the ones Nameko's publishers take from: the same URI, SSL, login
    method and default transport options. A broker that does not answer is
    logged and left to the publishes, which connect as they would have."""

    def start(self):
        config = self.container.config
        uri = config[AMQP_URI_CONFIG_KEY]
        ssl, login_method = config.get(AMQP_SSL_CONFIG_KEY), config.get(LOGIN_METHOD_CONFIG_KEY)
        for confirms in (True, False):
            try:
                with ExitStack() as held:  # all at once: each acquire takes another connection
                    for _ in range(pools.get_limit()):
                        producer = held.enter_context(get_producer(uri, confirms, ssl, login_method))
                        producer.channel  # connects, and opens the channel its publishes use
            except Exception as exc:  # whatever it is, nothing here is worth a service
                log.warning("publisher connections not opened at start: %r", exc)
                return  # the other pool would wait out the same retries
