"""The service's entrypoints wire catalog, the domain and the outbox together."""

import uuid

import pytest
from nameko.testing.services import worker_factory

from commerce.service import CommerceService
from shared.errors import InvalidInput


def test_create_order_commits_the_order_and_publishes_its_event_after_the_reply(monkeypatch):
    placed = {"order": {"id": "order-1"}, "items": []}
    calls = []
    service = worker_factory(CommerceService)
    service.db.commit.side_effect = lambda: calls.append("commit")
    monkeypatch.setattr(
        "commerce.orders.create_order",
        lambda db, user_id, items, price_items, request_id=None, idempotency_key=None, coupon_code=None: (
            calls.append(("create", user_id, items, price_items, idempotency_key, coupon_code)) or placed
        ),
    )
    monkeypatch.setattr(
        "commerce.outbox.publish_after_reply",
        lambda db, publish, aggregate_id: calls.append(("publish", db, publish, aggregate_id)),
    )
    items = [{"itemType": "course", "itemId": str(uuid.uuid4())}]

    assert service.create_order("user-1", items, idempotency_key="key-1", coupon_code="SPRING") == placed
    assert calls == [
        ("create", "user-1", items, service.catalog_rpc.price_items, "key-1", "SPRING"),
        "commit",  # the entrypoint's transaction: the order and its outbox row
    ]
    (publish_later,), _ = service.after_reply.call_args
    publish_later()  # as Nameko runs it, once the reply is sent
    assert calls[2:] == [("publish", service.db, service.dispatch, "order-1")]


def test_a_failed_entrypoint_is_rolled_back():
    service = worker_factory(CommerceService)
    with pytest.raises(InvalidInput):
        service.create_order("user-1", [])
    service.db.rollback.assert_called_once_with()
    service.db.commit.assert_not_called()


def test_invalid_items_are_refused_before_asking_catalog():
    service = worker_factory(CommerceService)
    with pytest.raises(InvalidInput):
        service.create_order("user-1", [])
    service.catalog_rpc.price_items.assert_not_called()
