"""How many broker connections a service process publishes on.

Nameko publishes (replies, events, calls to other services) through kombu's
pools: one pool of connections and producers per broker URI and options
(with confirms, without), each grown on first use up to kombu's global limit,
10, and kept. So a process kept as many connections as it had ever had
workers publishing at once, and its count rose with each new peak of load
(docs/performance.md: 47 connections before a load run, 50 after).

Here every pool holds at most PUBLISHER_CONNECTIONS (2): full after the first
few concurrent publishes, and flat from then on. A worker that finds them all
in use waits for one, as a green thread: a publish holds its producer for a
socket write, or, with confirms, one round trip to the broker.
"""

from kombu import pools

from shared.settings import get_settings


def install() -> None:
    pools.set_limit(get_settings().publisher_connections)
