"""Orders and their items (owned by ``commerce``)."""

from typing import Literal

from pydantic import Field

from shared.contracts.base import ID_MAX_LENGTH, ApiModel, Money, Timestamp
from shared.contracts.catalog import ItemType

MAX_ORDER_ITEMS = 50
# An Idempotency-Key names one checkout attempt of a user: printable ASCII,
# at most this long (a UUID is 36).
IDEMPOTENCY_KEY_MAX_LENGTH = 255
IDEMPOTENCY_KEY_PATTERN = r"^[\x21-\x7e]+$"


class OrderItemCreate(ApiModel):
    # Anything price-like the client sends is ignored: prices come from catalog.
    item_type: ItemType
    item_id: str = Field(max_length=ID_MAX_LENGTH)


class OrderCreate(ApiModel):
    items: list[OrderItemCreate] = Field(min_length=1, max_length=MAX_ORDER_ITEMS)


# An order is completed when placed; a refund makes it partially_refunded
# (some items) or refunded (all of them). "pending" is the column's default only.
OrderStatus = Literal["pending", "completed", "partially_refunded", "refunded"]


class OrderPublic(ApiModel):
    id: str
    user_id: str
    total_amount: Money
    status: OrderStatus
    created_at: Timestamp


class OrderItemPublic(ApiModel):
    id: str
    order_id: str
    item_type: ItemType
    item_id: str
    # What was paid for this item.
    price: Money
    refunded: bool = False


class OrderCreated(ApiModel):
    order: OrderPublic
    items: list[OrderItemPublic]


class OrderWithItems(OrderPublic):
    items: list[OrderItemPublic]


class OrderList(ApiModel):
    orders: list[OrderWithItems]


class Cart(ApiModel):
    """The user's cart (``GET``/``PUT /api/cart``): the lines, in the order added."""

    items: list[OrderItemCreate] = Field(max_length=MAX_ORDER_ITEMS)


class CartMerged(Cart):
    """``POST /api/cart/merge``: the cart after a visitor's was added to it,
    and the lines left out because the user owns them already."""

    removed: list[OrderItemCreate]


class ReceiptItem(OrderItemPublic):
    """An item as the receipt shows it: the price paid, and its title."""

    title: str


class Receipt(OrderPublic):
    """``commerce.get_receipt``: one of the caller's orders, as its receipt
    shows it (the gateway adds the buyer, who is the caller)."""

    items: list[ReceiptItem]
