"""The service's entrypoints, with their dependencies replaced."""

import pytest
from nameko.testing.services import worker_factory

from learning.service import LearningService
from shared.errors import NotFound


def test_enroll_asks_commerce_only_through_the_domain_rule(monkeypatch):
    course = {"id": "c1", "price": "149.00"}
    seen = {}

    def fake_enroll(db, user_id, course_arg, purchased):
        seen.update(user=user_id, course=course_arg, purchased=purchased())
        return {"id": "e1"}

    monkeypatch.setattr("learning.enrollments.enroll", fake_enroll)
    service = worker_factory(LearningService)
    service.catalog_rpc.get_course.return_value = course
    service.commerce_rpc.has_purchased.return_value = True

    assert service.enroll("u1", "c1") == {"id": "e1"}
    assert seen == {"user": "u1", "course": course, "purchased": True}
    service.commerce_rpc.has_purchased.assert_called_once_with("u1", "course", "c1")


def test_enrolling_in_an_unknown_course_is_not_found():
    service = worker_factory(LearningService)
    service.catalog_rpc.get_course.side_effect = NotFound("Course not found", code="COURSE_NOT_FOUND")
    with pytest.raises(NotFound):
        service.enroll("u1", "missing")


def test_the_event_handler_goes_through_the_failure_keeper(monkeypatch):
    handled = []
    monkeypatch.setattr(
        "learning.failures.handle",
        lambda db, event_type, payload, apply: handled.append((event_type, payload)),
    )
    service = worker_factory(LearningService)
    service.handle_order_completed({"eventId": "e"})
    assert handled == [("order_completed", {"eventId": "e"})]


def test_the_event_queue_is_the_one_deploy_declares_before_any_order():
    """Nameko refuses to start (PRECONDITION_FAILED) if the queue that
    deploy/bootstrap.py declared differs from its own in any argument."""
    from nameko.containers import ServiceContainer
    from nameko.events import EventHandler
    from nameko.testing.utils import get_extension

    from shared.events import COMMERCE, ORDER_COMPLETED, event_queue_name

    container = ServiceContainer(LearningService, {"AMQP_URI": "memory://"})
    handler = get_extension(container, EventHandler, method_name="handle_order_completed")
    handler.setup()
    queue = handler.queue
    assert queue.name == event_queue_name(COMMERCE, ORDER_COMPLETED, "learning", "handle_order_completed")
    assert (queue.exchange.name, queue.routing_key) == ("commerce.events", ORDER_COMPLETED)
    assert (queue.durable, queue.auto_delete, queue.exclusive) == (True, False, False)
    assert handler.requeue_on_error is True


def test_every_instance_hears_catalog_changed_on_a_queue_of_its_own():
    from nameko.containers import ServiceContainer
    from nameko.events import EventHandler
    from nameko.testing.utils import get_extension

    from shared.events import CATALOG_CHANGED

    container = ServiceContainer(LearningService, {"AMQP_URI": "memory://"})
    handler = get_extension(container, EventHandler, method_name="handle_catalog_changed")
    handler.setup()
    assert (handler.queue.exchange.name, handler.queue.routing_key) == ("catalog.events", CATALOG_CHANGED)
    # Durable in name only: exclusive and auto-delete, it goes with its connection.
    assert (handler.queue.auto_delete, handler.queue.exclusive) == (True, True)


def test_the_refund_handler_goes_through_the_failure_keeper_on_the_declared_queue(monkeypatch):
    from nameko.containers import ServiceContainer
    from nameko.events import EventHandler
    from nameko.testing.utils import get_extension

    from deploy.bootstrap import EVENT_QUEUES
    from shared.events import COMMERCE, ORDER_REFUNDED

    handled = []
    monkeypatch.setattr(
        "learning.failures.handle",
        lambda db, event_type, payload, apply: handled.append((event_type, payload)),
    )
    worker_factory(LearningService).handle_order_refunded({"eventId": "e"})
    assert handled == [("order_refunded", {"eventId": "e"})]

    container = ServiceContainer(LearningService, {"AMQP_URI": "memory://"})
    handler = get_extension(container, EventHandler, method_name="handle_order_refunded")
    handler.setup()
    assert (handler.queue.exchange.name, handler.queue.routing_key) == ("commerce.events", ORDER_REFUNDED)
    assert handler.queue.durable and handler.requeue_on_error is True
    assert (COMMERCE, ORDER_REFUNDED, "learning", "handle_order_refunded") in EVENT_QUEUES
