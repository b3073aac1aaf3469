import { useCart } from '../cart';
import { useAssets, useCourses } from '../queries';
import { Alert } from './States';

/** Says which items left the cart at login because the user owns them already. */
export function CartNotice() {
  const cart = useCart();
  const courses = useCourses();
  const assets = useAssets();
  if (cart.removedOwned.length === 0) return null;
  const titles = cart.removedOwned.map(
    (l) =>
      (l.itemType === 'course'
        ? courses.data?.find((c) => c.id === l.itemId)?.title
        : assets.data?.find((a) => a.id === l.itemId)?.title) ?? (l.itemType === 'course' ? 'a course' : 'an asset'),
  );
  return (
    <div className="container cart-notice">
      <Alert kind="info" testId="cart-owned-removed">
        Removed from your cart because you already own {titles.length === 1 ? 'it' : 'them'}: {titles.join(', ')}.{' '}
        <button type="button" className="link-button" onClick={cart.dismissRemoved}>
          Dismiss
        </button>
      </Alert>
    </div>
  );
}
