from nameko.events import EventDispatcher
from nameko.timer import timer

from commerce import cart, coupons, orders, outbox, quotes, receipts, refunds, sales
from shared import roles
from shared.errors import (
    Conflict,
    DependencyUnavailable,
    Forbidden,
    InvalidInput,
    NotFound,
    Unauthenticated,
    Unprocessable,
)
from shared.service import Service, ServiceRpc, rpc

RELAY_INTERVAL_SECONDS = 1.0
# A publish that cannot reach the broker gives up quickly: the order is
# committed either way, and the relay tries again every second.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0.2, "interval_step": 0.2, "interval_max": 0.5}


class CommerceService(Service):
    """Orders and what each user owns; publishes ``order_completed`` and
    ``order_refunded``."""

    name = "commerce"

    catalog_rpc = ServiceRpc("catalog")
    # Persistent messages with publisher confirms, and ``mandatory``: an event
    # that no queue would receive raises instead of vanishing, so its outbox
    # row stays pending until learning's queue exists again.
    dispatch = EventDispatcher(mandatory=True, use_confirms=True, retry_policy=PUBLISH_RETRY_POLICY)

    @rpc(expected_exceptions=(InvalidInput, NotFound, Conflict, Unprocessable, DependencyUnavailable))
    def create_order(self, user_id, items, idempotency_key=None, coupon_code=None):
        """Buy ``items`` ([{"itemType", "itemId"}]) at catalog's current prices,
        less ``coupon_code``'s discount: ``{"order", "items"}``; the order
        already placed under the user's ``idempotency_key``, if any.
        InvalidInput (empty, over 50, unknown type, an item twice, a
        malformed key; COUPON_NOT_FOUND, COUPON_EXPIRED, COUPON_USED_UP,
        COUPON_ALREADY_USED, COUPON_NOT_APPLICABLE), NotFound (unknown or
        malformed id), Conflict (already bought), Unprocessable (the key was
        used for other items or another coupon), DependencyUnavailable
        (catalog down: nothing is written). The order completed event goes
        out through the outbox."""
        placed = orders.create_order(
            self.db,
            user_id,
            items,
            self.catalog_rpc.price_items,
            request_id=self.request_id,
            idempotency_key=idempotency_key,
            coupon_code=coupon_code,
        )
        cart.remove_bought(self.db, user_id, placed["items"])
        self._publish_after_reply(placed["order"]["id"])
        return placed

    @rpc(expected_exceptions=(InvalidInput, NotFound, Conflict, DependencyUnavailable))
    def quote(self, user_id, items, coupon_code=None):
        """What ``create_order`` would charge for ``items`` with
        ``coupon_code``: ``OrderQuote``; its errors, nothing written."""
        return quotes.quote(self.db, user_id, items, coupon_code, self.catalog_rpc.price_items)

    def _publish_after_reply(self, order_id):
        """The order's event, published as soon as the caller has its answer
        (the transaction commits first; the relay publishes it if this fails):
        a prompt enrollment, without the buyer waiting for the broker."""
        self.after_reply(lambda: outbox.publish_after_reply(self.db, self.dispatch, order_id))

    @timer(interval=RELAY_INTERVAL_SECONDS)
    def relay_outbox(self):
        """Publish the events still pending in the outbox (every second)."""
        outbox.try_publish(self.db, self.dispatch)

    @rpc
    def list_orders(self, user_id):
        """The user's orders, newest first, each with its ``items``."""
        return orders.list_orders(self.db, user_id)

    @rpc
    def has_purchased(self, user_id, item_type, item_id):
        """Whether the user bought this course or asset."""
        return orders.has_purchased(self.db, user_id, item_type, item_id)

    @rpc(expected_exceptions=(InvalidInput,))
    def get_cart(self, user_id):
        """The user's cart: ``{"items": [{"itemType", "itemId"}]}``."""
        return cart.get_cart(self.db, user_id)

    @rpc(expected_exceptions=(InvalidInput, NotFound, DependencyUnavailable))
    def replace_cart(self, user_id, items):
        """Make the user's cart exactly ``items``: ``{"items"}``. InvalidInput
        (over 50, unknown type, twice, already owned), NotFound (not sold)."""
        return cart.replace_cart(self.db, user_id, items, self.catalog_rpc.price_items)

    @rpc(expected_exceptions=(InvalidInput, DependencyUnavailable))
    def merge_cart(self, user_id, items):
        """Add a visitor's cart to the user's, leaving out what they own:
        ``{"items", "removed"}``."""
        return cart.merge_cart(self.db, user_id, items, self.catalog_rpc.price_items)

    @rpc(expected_exceptions=(NotFound, DependencyUnavailable))
    def get_receipt(self, user_id, order_id):
        """One of the user's orders as its receipt shows it: the order and its
        items, each with the price paid and its title. NotFound (unknown, or
        someone else's)."""
        # Named as bought: a course unpublished since still has its title.
        return receipts.get_receipt(
            self.db, user_id, order_id, lambda items: self.catalog_rpc.price_items(items, include_unlisted=True)
        )

    # -- staff (shared/roles.py: the actor's role is checked here) ----------

    @rpc(expected_exceptions=(Unauthenticated, Forbidden, InvalidInput))
    def sales_overview(self, actor, date_from=None, date_to=None):
        """Revenue and orders per day from ``date_from`` to ``date_to`` (ISO
        dates, both included; by default the last 30 days), units and revenue
        per item. Admins only."""
        roles.require(actor, roles.ADMIN)
        return sales.sales(self.db, date_from, date_to)

    @rpc(expected_exceptions=(Unauthenticated, Forbidden, InvalidInput))
    def list_orders_for_staff(self, actor, user_id=None, limit=50):
        """Orders newest first (one user's, or everyone's), at most ``limit``
        (1..200), each with its items and refunds. Admins only."""
        roles.require(actor, roles.ADMIN)
        return refunds.list_orders_for_staff(self.db, user_id, limit)

    @rpc(expected_exceptions=(Unauthenticated, Forbidden, NotFound))
    def get_order_for_staff(self, actor, order_id):
        """One order with its items and refunds. NotFound. Admins only."""
        roles.require(actor, roles.ADMIN)
        return refunds.get_order_for_staff(self.db, order_id)

    @rpc(expected_exceptions=(Unauthenticated, Forbidden, InvalidInput, NotFound, Conflict))
    def refund_order(self, actor, order_id, items=None, reason=None):
        """Refund ``items`` ([{"itemType", "itemId"}]; None: all not refunded
        yet) of an order, with a ``reason``: ``{"refund", "order"}``.
        NotFound (order), InvalidInput (no reason, an item not in the
        order), Conflict (refunded already). The order refunded event goes
        out through the outbox. Admins only."""
        actor_id = roles.require(actor, roles.ADMIN)
        refunded = refunds.refund_order(self.db, actor_id, order_id, items, reason)
        self._publish_after_reply(refunded["order"]["id"])
        return refunded

    @rpc(expected_exceptions=(Unauthenticated, Forbidden))
    def list_coupons(self, actor):
        """Every coupon, newest first (``[CouponPublic]``). Admins only."""
        roles.require(actor, roles.ADMIN)
        return coupons.list_coupons(self.db)

    @rpc(
        expected_exceptions=(Unauthenticated, Forbidden, InvalidInput, NotFound, Conflict, DependencyUnavailable)
    )
    def create_coupon(self, actor, coupon):
        """A new coupon from ``coupon`` (CouponCreate's wire names):
        ``CouponPublic``. InvalidInput (the fields), NotFound (an item not
        sold), Conflict COUPON_CODE_TAKEN. Admins only."""
        actor_id = roles.require(actor, roles.ADMIN)
        return coupons.create_coupon(self.db, actor_id, coupon, self.catalog_rpc.price_items)

    @rpc(expected_exceptions=(Unauthenticated, Forbidden, NotFound))
    def deactivate_coupon(self, actor, coupon_id):
        """Checkout no longer takes the coupon; it is kept for the orders
        that used it. NotFound COUPON_NOT_FOUND. Admins only."""
        roles.require(actor, roles.ADMIN)
        coupons.deactivate_coupon(self.db, coupon_id)
