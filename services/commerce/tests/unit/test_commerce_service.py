"""The service's entrypoints wire catalog, the domain and the outbox together."""

import uuid

import pytest
from nameko.testing.services import worker_factory

from commerce.service import CommerceService
from shared.errors import InvalidInput


def test_create_order_prices_through_catalog_and_publishes_at_once(monkeypatch):
    course_id = str(uuid.uuid4())
    placed = {"order": {"id": "order-1"}, "items": []}
    calls = []
    monkeypatch.setattr(
        "commerce.orders.create_order",
        lambda db, user_id, items, priced, request_id=None: (
            calls.append(("create", user_id, items, priced)) or placed
        ),
    )
    monkeypatch.setattr(
        "commerce.outbox.try_publish",
        lambda db, publish, aggregate_id=None: calls.append(("publish", aggregate_id)),
    )
    service = worker_factory(CommerceService)
    priced = [{"itemType": "course", "itemId": course_id, "title": "T", "price": "149.00"}]
    service.catalog_rpc.price_items.return_value = priced

    assert (
        service.create_order("user-1", [{"itemType": "course", "itemId": course_id, "price": "0"}]) == placed
    )
    service.catalog_rpc.price_items.assert_called_once_with([{"itemType": "course", "itemId": course_id}])
    assert calls == [
        ("create", "user-1", [{"itemType": "course", "itemId": course_id}], priced),
        ("publish", "order-1"),
    ]


def test_invalid_items_are_refused_before_asking_catalog():
    service = worker_factory(CommerceService)
    with pytest.raises(InvalidInput):
        service.create_order("user-1", [])
    service.catalog_rpc.price_items.assert_not_called()
