import { useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, conflictingItems, errorMessage } from '../api';
import { CartList } from '../components/CartList';
import { Alert, EmptyState, ErrorState, LoadingBlock } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useCartDetails, type CartItemView } from '../cartDetails';
import { formatCents } from '../format';
import { useCreateOrder, useMe, useOwnership } from '../queries';

export interface PurchaseState {
  orderId: string;
  totalAmount: string;
  purchasedCourseIds: string[];
}

function OrderError({ error, items }: { error: unknown; items: CartItemView[] }) {
  if (error instanceof ApiError && error.status === 409) {
    const owned = conflictingItems(error)
      .map((c) => items.find((i) => i.line.itemType === c.itemType && i.line.itemId === c.itemId)?.title)
      .filter(Boolean);
    return (
      <Alert testId="checkout-error">
        <strong>{(error.message || 'You already own an item in your cart').replace(/[.!]\s*$/, '')}</strong>
        {owned.length > 0 && <> ({owned.join(', ')})</>}. Remove the items you already own and place the order again.
      </Alert>
    );
  }
  const fields = error instanceof ApiError ? Object.entries(error.fieldErrors) : [];
  return (
    <Alert testId="checkout-error">
      <strong>{errorMessage(error)}</strong>
      {fields.length > 0 && (
        <ul>
          {fields.map(([k, v]) => (
            <li key={k}>
              {k}: {v}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

export function CheckoutPage() {
  useDocumentTitle('Checkout');
  const me = useMe();
  const { cart, items, unavailable, totalCents, isPending, error, retry } = useCartDetails();
  const own = useOwnership();
  const order = useCreateOrder();
  const navigate = useNavigate();

  const isOwned = (i: CartItemView) =>
    i.line.itemType === 'course' ? own.ownsCourse(i.line.itemId) : own.ownsAsset(i.line.itemId);
  const ownedCount = items.filter(isOwned).length;

  // One Idempotency-Key per checkout attempt: placing the same items again
  // (after a timeout or a lost connection) resends it, so they are bought once.
  const attempt = useRef<{ lines: string; key: string } | null>(null);

  const placeOrder = () => {
    const lines = items.map((i) => i.line);
    const signature = JSON.stringify(lines);
    if (attempt.current?.lines !== signature) attempt.current = { lines: signature, key: crypto.randomUUID() };
    order.mutate({ lines, idempotencyKey: attempt.current.key }, {
      onSuccess: (res) => {
        const bought = new Set(lines.map((l) => l.itemType + ':' + l.itemId));
        bought.forEach((k) => {
          const [type, id] = k.split(':');
          cart.remove(type as 'course' | 'asset', id);
        });
        const state: PurchaseState = {
          orderId: res.order.id,
          totalAmount: res.order.totalAmount,
          purchasedCourseIds: res.items.filter((i) => i.itemType === 'course').map((i) => i.itemId),
        };
        navigate('/dashboard', { state });
      },
    });
  };

  return (
    <div className="container page page--narrow">
      <header className="page-head">
        <p className="eyebrow">
          <Link to="/cart">Cart</Link> / Checkout
        </p>
        <h1>Checkout</h1>
        {me.data && <p className="muted">Signed in as {me.data.email}</p>}
      </header>
      {cart.count === 0 ? (
        <EmptyState title="Nothing to check out" action={{ to: '/', label: 'Browse courses' }}>
          Your cart is empty.
        </EmptyState>
      ) : isPending ? (
        <LoadingBlock lines={4} label="Loading your order…" />
      ) : error ? (
        <ErrorState error={error} title="Could not load your order" onRetry={retry} />
      ) : (
        <>
          <h2 className="h-small">Order summary</h2>
          <CartList items={items} owned={isOwned} onRemove={(i) => cart.remove(i.line.itemType, i.line.itemId)} />
          {unavailable.length > 0 && (
            <Alert kind="info">
              Unavailable items will not be ordered.{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => unavailable.forEach((l) => cart.remove(l.itemType, l.itemId))}
              >
                Remove them
              </button>
            </Alert>
          )}
          {order.isError && <OrderError error={order.error} items={items} />}
          <div className="cart-summary">
            <p className="cart-summary__total">
              <span>Total</span>
              <strong data-testid="checkout-total">{formatCents(totalCents)}</strong>
            </p>
            <p className="muted small">
              The final amount is confirmed by the studio when the order is placed. This demo store takes no card
              details.
            </p>
            <div className="cart-summary__actions">
              <Link to="/cart" className="btn btn--ghost">
                Back to cart
              </Link>
              <button
                type="button"
                className="btn btn--primary btn--lg"
                onClick={placeOrder}
                disabled={order.isPending || items.length === 0 || ownedCount > 0}
                data-testid="place-order"
              >
                {order.isPending ? 'Placing order…' : `Place order · ${formatCents(totalCents)}`}
              </button>
            </div>
            {ownedCount > 0 && (
              <p className="muted small" role="status">
                Remove the {ownedCount === 1 ? 'item' : `${ownedCount} items`} you already own to continue.
              </p>
            )}
          </div>
        </>
      )}
    </div>
  );
}
