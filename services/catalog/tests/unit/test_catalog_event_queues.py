"""Catalog's event handlers listen on the durable queues bootstrap declares,
so an event published while catalog is down waits for it."""

from nameko.containers import ServiceContainer
from nameko.events import EventHandler

from catalog.service import CatalogService
from deploy.bootstrap import EVENT_QUEUES
from shared.events import MEDIA_FAILED, MEDIA_READY, MEDIA_UPLOADED, event_queue_name


def test_every_media_event_has_a_durable_queue_declared_by_bootstrap():
    container = ServiceContainer(CatalogService, {"AMQP_URI": "memory://", "max_workers": 1})
    handlers = [e for e in container.entrypoints if isinstance(e, EventHandler)]
    assert {h.event_type for h in handlers} == {MEDIA_UPLOADED, MEDIA_READY, MEDIA_FAILED}
    declared = [event_queue_name(*q) for q in EVENT_QUEUES]
    for handler in handlers:
        handler.setup()
        assert handler.requeue_on_error and handler.reliable_delivery
        assert handler.queue.durable and handler.queue.name in declared
