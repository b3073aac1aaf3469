import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, conflictingItems, errorMessage, quoteOrder, type CartLine } from '../api';
import type { Quote } from '../admin/types';
import { CartList } from '../components/CartList';
import { Alert, EmptyState, ErrorState, LoadingBlock } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useCartDetails, type CartItemView } from '../cartDetails';
import { formatCents, formatMoney, toCents } from '../format';
import { useCreateOrder, useMe, useOwnership } from '../queries';

export interface PurchaseState {
  orderId: string;
  totalAmount: string;
  purchasedCourseIds: string[];
}

/** The coupon errors of POST /api/orders and /api/orders/quote, as a learner would say them. */
const COUPON_MESSAGES: Record<string, string> = {
  COUPON_NOT_FOUND: 'There is no coupon with this code. Check its spelling.',
  COUPON_EXPIRED: 'This coupon has expired.',
  COUPON_USED_UP: 'This coupon has been used as many times as it may be.',
  COUPON_ALREADY_USED: 'You have already used this coupon.',
  COUPON_NOT_APPLICABLE: 'This coupon does not apply to anything in your order.',
};

export function couponMessage(err: unknown): string | null {
  return err instanceof ApiError ? (COUPON_MESSAGES[err.code] ?? null) : null;
}

/** A coupon code, checked with a quote of the order: the discount is shown before paying. */
function CouponField({
  lines,
  onQuote,
}: {
  lines: CartLine[];
  onQuote: (quote: Quote | null) => void;
}) {
  const id = useId();
  const [code, setCode] = useState('');
  const [applied, setApplied] = useState<string | null>(null);
  const quote = useMutation({
    mutationFn: (couponCode: string) => quoteOrder(lines, couponCode),
    onSuccess: (q, couponCode) => {
      setApplied(couponCode);
      onQuote(q);
    },
    onError: () => {
      setApplied(null);
      onQuote(null);
    },
  });
  // A quote is for these lines: when the cart changes, ask again.
  const signature = JSON.stringify(lines);
  const last = useRef(signature);
  useEffect(() => {
    if (signature === last.current) return;
    last.current = signature;
    if (applied) quote.mutate(applied);
  }, [signature]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = code.trim().toUpperCase();
    if (value) quote.mutate(value);
  };
  const remove = () => {
    setApplied(null);
    setCode('');
    quote.reset();
    onQuote(null);
  };
  const error = quote.isError ? (couponMessage(quote.error) ?? errorMessage(quote.error)) : null;
  return (
    <form className="coupon" onSubmit={submit} noValidate data-testid="coupon">
      <div className={'field' + (error ? ' field--error' : '')}>
        <label htmlFor={id}>Coupon code</label>
        <div className="coupon__row">
          <input
            id={id}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={32}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? id + '-error' : undefined}
            disabled={!!applied}
            data-testid="coupon-code"
          />
          {applied ? (
            <button type="button" className="btn btn--ghost" onClick={remove} data-testid="coupon-remove">
              Remove
            </button>
          ) : (
            <button
              type="submit"
              className="btn btn--ghost"
              disabled={!code.trim() || quote.isPending}
              data-testid="coupon-apply"
            >
              {quote.isPending ? 'Checking…' : 'Apply'}
            </button>
          )}
        </div>
        {error && (
          <p className="field__error" id={id + '-error'} role="alert" data-testid="coupon-error">
            {error}
          </p>
        )}
        {applied && !quote.isPending && (
          <p className="field__hint" role="status" data-testid="coupon-applied">
            Coupon {applied} applied.
          </p>
        )}
      </div>
    </form>
  );
}

function OrderError({ error, items }: { error: unknown; items: CartItemView[] }) {
  const coupon = couponMessage(error);
  if (coupon) {
    return (
      <Alert testId="checkout-error">
        <strong>{coupon}</strong> Remove the coupon or try another one.
      </Alert>
    );
  }
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
  const [quote, setQuote] = useState<Quote | null>(null);
  const lines = items.map((i) => i.line);
  const couponCode = quote?.couponCode ?? undefined;
  const payCents = quote ? toCents(quote.total) : totalCents;

  const placeOrder = () => {
    // The coupon is part of the attempt: another coupon is another order.
    const signature = JSON.stringify([lines, couponCode ?? null]);
    if (attempt.current?.lines !== signature) attempt.current = { lines: signature, key: crypto.randomUUID() };
    order.mutate({ lines, idempotencyKey: attempt.current.key, couponCode }, {
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
            {items.length > 0 && <CouponField lines={lines} onQuote={setQuote} />}
            {quote && (
              <dl className="quote" data-testid="quote">
                <dt>Subtotal</dt>
                <dd data-testid="quote-subtotal">{formatMoney(quote.subtotal)}</dd>
                <dt>Discount{quote.couponCode ? ` (${quote.couponCode})` : ''}</dt>
                <dd data-testid="quote-discount">−{formatMoney(quote.discount)}</dd>
              </dl>
            )}
            <p className="cart-summary__total">
              <span>Total</span>
              <strong data-testid="checkout-total">{formatCents(payCents)}</strong>
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
                {order.isPending ? 'Placing order…' : `Place order · ${formatCents(payCents)}`}
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
