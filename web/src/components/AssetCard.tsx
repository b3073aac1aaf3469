import { Link } from 'react-router';
import type { Asset } from '../api';
import { accentStyle } from '../colors';
import { useCart } from '../cart';
import { formatMoney } from '../format';
import { Media } from './Media';
import { categoryLabel } from './categories';

export function AssetCard({ asset, owned }: { asset: Asset; owned?: boolean }) {
  const cart = useCart();
  const inCart = cart.has('asset', asset.id);
  const headingId = 'asset-title-' + asset.id;
  return (
    <article
      className="card asset-card"
      style={accentStyle(asset.color)}
      aria-labelledby={headingId}
      data-testid={'asset-card-' + asset.id}
    >
      <Media src={asset.imageUrl} alt={`Preview of ${asset.title}`} color={asset.color} label={asset.title} />
      <div className="card__body">
        <p className="eyebrow">
          {categoryLabel(asset.category)}
          {asset.badge && <span className="badge">{asset.badge}</span>}
        </p>
        <h3 className="card__title" id={headingId}>
          <Link to={'/assets/' + asset.id} className="card__link">
            {asset.title}
          </Link>
        </h3>
        <p className="card__text">{asset.description}</p>
        <dl className="meta">
          <div>
            <dt>Format</dt>
            <dd>{asset.fileFormat}</dd>
          </div>
          <div>
            <dt>Size</dt>
            <dd>{asset.fileSize || '—'}</dd>
          </div>
          <div>
            <dt>Price</dt>
            <dd className="price">{formatMoney(asset.price)}</dd>
          </div>
        </dl>
        <div className="card__actions">
          {owned ? (
            <span className="badge badge--owned" data-testid="asset-owned">
              Owned
            </span>
          ) : inCart ? (
            <Link to="/cart" className="btn btn--ghost btn--sm" data-testid="asset-in-cart">
              In cart · View cart
            </Link>
          ) : (
            <button
              type="button"
              className="btn btn--primary btn--sm"
              onClick={() => cart.add('asset', asset.id)}
              data-testid="add-asset"
            >
              Add to cart<span className="visually-hidden"> {asset.title}</span>
            </button>
          )}
        </div>
      </div>
    </article>
  );
}
