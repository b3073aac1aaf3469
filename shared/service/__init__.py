"""The service kit: what every Nameko service of the suite is made of.

    from shared.service import Service, rpc

    class CatalogService(Service):
        name = "catalog"

        @rpc(expected_exceptions=(NotFound,))
        def get_course(self, course_id):
            return courses.get_course(self.db, course_id)

A subclass of ``Service`` gets, with nothing to declare:

- ``db``: a session as the service's own role, in its own schema (both named
  by ``name``), one per worker;
- one transaction per entrypoint: whatever an entrypoint writes is committed
  when it returns and rolled back when it raises, so domain functions never
  commit. An entrypoint that must make something durable before its next step
  (an order before its event is published) calls ``self.db.commit()`` itself;
- ``after_reply(fn)``: ``fn`` runs in the worker once the reply is sent
  (``shared.service.after_reply``): an outbox's early publish;
- ``request_id``: the request id the caller sent (``X-Request-ID`` at the
  gateway), also bound to every log line of the worker;
- a JSON log line per worker, Prometheus metrics and ``/metrics`` and
  ``/health`` on the process's port (``shared.service.metrics``);
- ``ping``: readiness, the service answers and reaches its schema;
- RPC calls whose caller's deadline has passed refused unstarted, with
  ``DeadlineExceeded`` (``shared.service.deadlines``);
- a graceful stop that acknowledges every message it handled
  (``shared.service.graceful``), and a broker restart survived while a call
  replies (``shared.service.replies``): both patches are installed when this
  package is imported, and only on the Nameko version they were checked
  against;
- PUBLISHER_CONNECTIONS broker connections per kind of publisher, opened at
  start (``shared.service.publishers``), so that their count stays put under load;
- a message that cannot be decoded handed to its entrypoint (and so kept
  as a parked failed event) instead of dropped (``shared.service.undecodable``);
- the domain errors of ``shared.errors`` arriving as themselves from the
  services it calls through ``ServiceRpc``;
- ``rpc`` and ``event_handler``, Nameko's, declaring their durable queues as
  quorum queues when BROKER_QUORUM_QUEUES is on
  (``shared.service.entrypoints``): a service takes its entrypoints from here.

This package is for service processes only: it imports Nameko and eventlet,
which the asyncio gateway never loads.
"""

import functools

from nameko.contextdata import ContextDataProvider
from nameko.exceptions import deserialize_to_instance
from nameko.extensions import ENTRYPOINT_EXTENSIONS_ATTR

from shared.db import ping_database
from shared.errors import DOMAIN_ERRORS
from shared.service import graceful, publishers, replies, undecodable
from shared.service.after_reply import AfterReply
from shared.service.deadlines import Deadline, refusing_late_calls
from shared.service.database import Database
from shared.service.entrypoints import event_handler, rpc
from shared.service.logs import WorkerLogger
from shared.service.metrics import WorkerMetrics
from shared.service.publishers import PublisherConnections
from shared.service.proxy import ServiceRpc

__all__ = ["Database", "RequestId", "Service", "ServiceRpc", "event_handler", "rpc"]

graceful.install()
publishers.install()
replies.install()
undecodable.install()
for _error in DOMAIN_ERRORS:
    deserialize_to_instance(_error)


class RequestId(ContextDataProvider):
    context_key = "request_id"


def in_transaction(method):
    """``method`` (an entrypoint), committing ``self.db`` when it returns and
    rolling it back when it raises. The commit happens before Nameko sends
    the reply, so a caller never hears of a change that is not durable."""

    @functools.wraps(method)  # keeps the entrypoint declarations with it
    def run(self, *args, **kwargs):
        try:
            result = method(self, *args, **kwargs)
        except BaseException:
            self.db.rollback()
            raise
        self.db.commit()
        return result

    return run


class Service:
    """The base of every service class; see the module docstring."""

    name: str
    # The role and schema of ``db``, when not ``name``: a separate process
    # working on a service's own data (media_worker on media's).
    schema: str | None = None

    db = Database()
    after_reply = AfterReply()
    request_id = RequestId()
    deadline = Deadline()
    logger = WorkerLogger()
    metrics = WorkerMetrics()
    publisher_connections = PublisherConnections()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for attr, member in list(vars(cls).items()):
            if callable(member) and hasattr(member, ENTRYPOINT_EXTENSIONS_ATTR):
                setattr(cls, attr, refusing_late_calls(in_transaction(member)))

    def ping(self):
        """Readiness: the service answers and reaches its schema, at this migration."""
        return ping_database(self.db, self.schema or self.name)

    ping = refusing_late_calls(rpc(ping))
