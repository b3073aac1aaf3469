"""The arguments of the suite's durable queues, for whoever declares them:
the services (through the kit's entrypoints, shared/service/entrypoints.py)
and deploy/bootstrap.py (the event queues, before their consumers start).
Both must declare a queue alike, or the broker refuses the second declare.

With BROKER_QUORUM_QUEUES, every durable queue (``rpc-<service>``, the
``evt-...`` queues) is a quorum queue: replicated on the nodes of a cluster
and kept when one of them dies. What that changes, and what is used of it:

- per-message expiry (the gateway's calls carry their deadline as
  ``expiration``) works on quorum queues from RabbitMQ 3.10 on;
- ``x-delivery-limit``: an RPC call delivered that many times without an
  acknowledgement (its worker killed each time, a call that crashes the
  process) is dropped instead of taking every instance down in turn; its
  caller gave up long ago, at its deadline;
- event queues have no delivery limit: an event must never be dropped. A
  poison event is parked in its service's ``failed_events`` after its
  retries (shared/service/failures.py), and is requeued only while even
  that cannot be written (its database down), which must not lose it.
  RabbitMQ 4.0 gives quorum queues a default limit of 20: there, set the
  policy ``delivery-limit`` to -1 for ``^evt-`` (docs/kubernetes.md);
- the broker counts deliveries in the message's ``x-delivery-count`` header,
  which is what the limit is checked against.

Reply queues stay exclusive classic queues: they live as long as their
connection, and a quorum queue cannot be exclusive.
"""

from shared.settings import Settings

# A call delivered this often without an acknowledgement is dropped.
RPC_DELIVERY_LIMIT = 5


def rpc_queue_arguments(settings: Settings) -> dict:
    if not settings.broker_quorum_queues:
        return {}
    return {"x-queue-type": "quorum", "x-delivery-limit": RPC_DELIVERY_LIMIT}


def event_queue_arguments(settings: Settings) -> dict:
    if not settings.broker_quorum_queues:
        return {}
    return {"x-queue-type": "quorum"}
