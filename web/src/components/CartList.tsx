import { Link } from 'react-router';
import { accentStyle } from '../colors';
import type { CartItemView } from '../cartDetails';
import { formatCents } from '../format';

export function CartList({
  items,
  onRemove,
  owned,
}: {
  items: CartItemView[];
  onRemove: (item: CartItemView) => void;
  owned: (item: CartItemView) => boolean;
}) {
  return (
    <ul className="cart-list">
      {items.map((item) => (
        <li key={item.key} className="cart-item" style={accentStyle(item.color)} data-testid="cart-item">
          <span className="cart-item__swatch" aria-hidden="true" />
          <div className="cart-item__info">
            <Link to={item.href} className="cart-item__title">
              {item.title}
            </Link>
            <span className="cart-item__sub">{item.subtitle}</span>
            {owned(item) && (
              <span className="cart-item__warn" data-testid="cart-item-owned">
                You already own this. Remove it to check out.
              </span>
            )}
          </div>
          <span className="cart-item__price">{formatCents(item.cents)}</span>
          <button
            type="button"
            className="btn btn--ghost btn--sm"
            onClick={() => onRemove(item)}
            aria-label={`Remove ${item.title} from cart`}
          >
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}
