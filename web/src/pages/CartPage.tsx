import { Link } from 'react-router';
import { CartList } from '../components/CartList';
import { Alert, EmptyState, ErrorState, LoadingBlock } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useCartDetails } from '../cartDetails';
import { formatCents } from '../format';
import { useOwnership } from '../queries';

export function CartPage() {
  useDocumentTitle('Cart');
  const { cart, items, unavailable, totalCents, isPending, error, retry } = useCartDetails();
  const own = useOwnership();
  const isOwned = (i: { line: { itemType: string; itemId: string } }) =>
    i.line.itemType === 'course' ? own.ownsCourse(i.line.itemId) : own.ownsAsset(i.line.itemId);

  return (
    <div className="container page page--narrow">
      <header className="page-head">
        <p className="eyebrow">Your cart</p>
        <h1>Cart</h1>
      </header>
      {cart.count === 0 ? (
        <EmptyState title="Your cart is empty" action={{ to: '/', label: 'Browse courses' }}>
          Add a course or a pack from the <Link to="/assets">asset store</Link>.
        </EmptyState>
      ) : isPending ? (
        <LoadingBlock lines={4} label="Loading your cart…" />
      ) : error ? (
        <ErrorState error={error} title="Could not load your cart" onRetry={retry} />
      ) : (
        <>
          {unavailable.length > 0 && (
            <Alert kind="info">
              {unavailable.length === 1 ? 'One item is' : `${unavailable.length} items are`} no longer available
              and {unavailable.length === 1 ? 'was' : 'were'} left out.{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => unavailable.forEach((l) => cart.remove(l.itemType, l.itemId))}
              >
                Remove
              </button>
            </Alert>
          )}
          <CartList items={items} owned={isOwned} onRemove={(i) => cart.remove(i.line.itemType, i.line.itemId)} />
          <div className="cart-summary">
            <p className="cart-summary__total">
              <span>Total</span>
              <strong data-testid="cart-total">{formatCents(totalCents)}</strong>
            </p>
            <div className="cart-summary__actions">
              <button type="button" className="btn btn--ghost" onClick={cart.clear}>
                Empty cart
              </button>
              {items.length > 0 && (
                <Link to="/checkout" className="btn btn--primary btn--lg" data-testid="checkout-button">
                  Checkout →
                </Link>
              )}
            </div>
          </div>
        </>
      )}
    </div>
  );
}
