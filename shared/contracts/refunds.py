"""Refunds (owned by ``commerce``), and orders as staff see them (/api/admin/orders)."""

from pydantic import Field

from shared.contracts.base import ApiModel, Money, Timestamp
from shared.contracts.commerce import MAX_ORDER_ITEMS, OrderItemCreate, OrderWithItems
from shared.contracts.catalog import ItemType

REASON_MAX_LENGTH = 500
STAFF_ORDERS_DEFAULT_LIMIT = 50
STAFF_ORDERS_MAX_LIMIT = 200


class RefundCreate(ApiModel):
    # Omitted: every item of the order not refunded yet.
    items: list[OrderItemCreate] | None = Field(None, min_length=1, max_length=MAX_ORDER_ITEMS)
    reason: str = Field(min_length=1, max_length=REASON_MAX_LENGTH)


class RefundItemPublic(ApiModel):
    item_type: ItemType
    item_id: str
    # What was paid for it, and so given back.
    price: Money


class RefundPublic(ApiModel):
    id: str
    order_id: str
    amount: Money
    reason: str
    created_at: Timestamp
    created_by: str
    items: list[RefundItemPublic]


class StaffOrder(OrderWithItems):
    refunds: list[RefundPublic]


class StaffOrderList(ApiModel):
    orders: list[StaffOrder]


class StaffOrderEnvelope(ApiModel):
    order: StaffOrder


class RefundCreated(ApiModel):
    refund: RefundPublic
    order: StaffOrder
