from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Text,
    Uuid,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from shared.contracts.commerce import IDEMPOTENCY_KEY_MAX_LENGTH
from shared.contracts.coupons import COUPON_CODE_MAX_CHARS
from shared.db import OutboxTable, make_base

Base = make_base("commerce")


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        CheckConstraint("total_amount >= 0", name="total_not_negative"),
        # Serves "the caller's orders, newest first".
        Index("ix_orders_user_id_created_at", "user_id", "created_at"),
        # One order per key and user: a retried or redelivered checkout finds
        # the order it placed, and two at once cannot both place one.
        Index("uq_orders_user_id_idempotency_key", "user_id", "idempotency_key", unique=True),
        CheckConstraint(
            "status IN ('pending', 'completed', 'partially_refunded', 'refunded')", name="status_known"
        ),
        CheckConstraint("discount >= 0", name="discount_not_negative"),
    )

    id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()")
    )
    user_id: Mapped[str] = mapped_column(Uuid(as_uuid=False))
    total_amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    # completed, then partially_refunded or refunded (commerce/refunds.py).
    status: Mapped[str] = mapped_column(String(24), server_default="pending")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # The checkout's Idempotency-Key (the gateway makes one when the client
    # sent none) and a digest of its items, kept as long as the order.
    idempotency_key: Mapped[str | None] = mapped_column(String(IDEMPOTENCY_KEY_MAX_LENGTH))
    request_digest: Mapped[str | None] = mapped_column(String(64))
    # What the coupon took off (commerce/coupons.py); the items' prices are
    # what was paid for each, after its share of it.
    discount: Mapped[Decimal] = mapped_column(Numeric(10, 2), server_default=text("0"))
    coupon_code: Mapped[str | None] = mapped_column(String(COUPON_CODE_MAX_CHARS))


class OrderItem(Base):
    __tablename__ = "order_items"
    __table_args__ = (CheckConstraint("price >= 0", name="price_not_negative"),)

    id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()")
    )
    order_id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), ForeignKey("commerce.orders.id", ondelete="CASCADE"), index=True
    )
    item_type: Mapped[str] = mapped_column(String(16))
    item_id: Mapped[str] = mapped_column(Uuid(as_uuid=False))
    price: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    # The title catalog gave the item when it was bought: what its receipt
    # names. None on orders placed before titles were kept.
    title: Mapped[str | None] = mapped_column(Text, default=None)
    # Items are listed in the order the buyer put them in the cart.
    position: Mapped[int] = mapped_column(SmallInteger)
    # Set with the item's RefundItem (same transaction): the flag orders are
    # listed with, without a join. ``default=None`` puts it in the INSERT, so
    # a new item answers ``refunded`` without a query.
    refunded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)

    @property
    def refunded(self) -> bool:
        return self.refunded_at is not None


class Purchase(Base):
    """What a user owns. Its primary key is what makes buying the same
    course or asset twice impossible, even when two orders race. A refund
    deletes the row (the order and its refund keep the history), so that
    the item is no longer owned and can be bought again."""

    __tablename__ = "purchases"

    user_id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True)
    item_type: Mapped[str] = mapped_column(String(16), primary_key=True)
    item_id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True)
    order_id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), ForeignKey("commerce.orders.id", ondelete="CASCADE"), index=True
    )
    purchased_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Refund(Base):
    """Money given back for some items of an order, by an admin, with a reason."""

    __tablename__ = "refunds"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        # Serves the sales overview's refunds per day.
        Index("ix_refunds_created_at", "created_at"),
    )

    id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()")
    )
    order_id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), ForeignKey("commerce.orders.id", ondelete="CASCADE"), index=True
    )
    # The sum of its items' prices (what was paid for them).
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    reason: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(Uuid(as_uuid=False))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class RefundItem(Base):
    """An order item a refund gave back. Its primary key is the order item:
    an item is refunded at most once, whatever two refunds race."""

    __tablename__ = "refund_items"

    order_item_id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), ForeignKey("commerce.order_items.id", ondelete="CASCADE"), primary_key=True
    )
    refund_id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), ForeignKey("commerce.refunds.id", ondelete="CASCADE"), index=True
    )


class CartItem(Base):
    """A line of a user's cart (commerce/cart.py): one per item."""

    __tablename__ = "cart_items"

    user_id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True)
    item_type: Mapped[str] = mapped_column(String(16), primary_key=True)
    item_id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True)
    # The order the user added them in.
    position: Mapped[int] = mapped_column(SmallInteger)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Coupon(Base):
    """A discount code (commerce/coupons.py). Never deleted: deactivated,
    it stays for the orders that used it."""

    __tablename__ = "coupons"
    __table_args__ = (
        CheckConstraint("kind IN ('percent', 'fixed')", name="kind_known"),
        CheckConstraint(
            "(kind = 'percent' AND value BETWEEN 1 AND 100 AND value = trunc(value))"
            " OR (kind = 'fixed' AND value > 0)",
            name="value_in_range",
        ),
        CheckConstraint("max_redemptions > 0", name="max_redemptions_positive"),
        CheckConstraint("max_per_user > 0", name="max_per_user_positive"),
    )

    id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()")
    )
    # Upper-case: codes are matched case-insensitively.
    code: Mapped[str] = mapped_column(String(COUPON_CODE_MAX_CHARS), unique=True)
    kind: Mapped[str] = mapped_column(String(8))
    # A whole percentage, or an amount of money.
    value: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    max_redemptions: Mapped[int | None] = mapped_column(Integer)
    max_per_user: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    created_by: Mapped[str] = mapped_column(Uuid(as_uuid=False))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class CouponItem(Base):
    """An item a coupon is restricted to; a coupon without any applies to every item."""

    __tablename__ = "coupon_items"

    coupon_id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), ForeignKey("commerce.coupons.id", ondelete="CASCADE"), primary_key=True
    )
    item_type: Mapped[str] = mapped_column(String(16), primary_key=True)
    item_id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True)


class CouponRedemption(Base):
    """One use of a coupon: written with its order, in the same transaction,
    while the coupon's row is locked (so the limits hold under concurrency)."""

    __tablename__ = "coupon_redemptions"
    __table_args__ = (
        # Serves the per-user count at checkout.
        Index("ix_coupon_redemptions_coupon_id_user_id", "coupon_id", "user_id"),
    )

    id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()")
    )
    coupon_id: Mapped[str] = mapped_column(Uuid(as_uuid=False), ForeignKey("commerce.coupons.id"))
    user_id: Mapped[str] = mapped_column(Uuid(as_uuid=False))
    order_id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), ForeignKey("commerce.orders.id", ondelete="CASCADE"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class OutboxEvent(OutboxTable, Base):
    """The outbox of order completed and order refunded events (commerce/outbox.py)."""
