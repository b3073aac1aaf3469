import { Link, useParams } from 'react-router';
import { isApiError } from '../api';
import { useCart } from '../cart';
import { accentStyle } from '../colors';
import { categoryLabel } from '../components/categories';
import { DownloadButton } from '../components/DownloadButton';
import { Media } from '../components/Media';
import { ErrorState, LoadingBlock } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatMoney } from '../format';
import { useAsset, useOwnership } from '../queries';
import { NotFoundPage } from './NotFoundPage';

export function AssetPage() {
  const { id } = useParams();
  const query = useAsset(id);
  const cart = useCart();
  const own = useOwnership();
  useDocumentTitle(query.data?.title);

  if (query.isPending) {
    return (
      <div className="container page">
        <LoadingBlock lines={5} label="Loading asset…" />
      </div>
    );
  }
  if (query.isError) {
    if (isApiError(query.error, 404) || isApiError(query.error, 400)) return <NotFoundPage what="asset" />;
    return (
      <div className="container page">
        <ErrorState error={query.error} title="Could not load this asset" onRetry={() => query.refetch()} />
      </div>
    );
  }

  const asset = query.data;
  const owned = own.ownsAsset(asset.id);
  const inCart = cart.has('asset', asset.id);

  return (
    <div className="container page" style={accentStyle(asset.color)} data-testid="asset-page">
      <p className="eyebrow">
        <Link to="/assets">Asset store</Link> /{' '}
        <Link to={'/assets?category=' + encodeURIComponent(asset.category)}>{categoryLabel(asset.category)}</Link>
      </p>
      <div className="asset-detail">
        <Media
          src={asset.imageUrl}
          alt={`Preview of ${asset.title}`}
          color={asset.color}
          label={asset.title}
          className="media--large"
        />
        <div className="asset-detail__info">
          {asset.badge && (
            <p className="asset-detail__badge">
              <span className="badge">{asset.badge}</span>
            </p>
          )}
          <h1>{asset.title}</h1>
          <p className="asset-detail__desc">{asset.description}</p>
          <dl className="meta meta--stacked">
            <div>
              <dt>Category</dt>
              <dd>{categoryLabel(asset.category)}</dd>
            </div>
            <div>
              <dt>Format</dt>
              <dd>{asset.fileFormat}</dd>
            </div>
            <div>
              <dt>Size</dt>
              <dd>{asset.fileSize || '—'}</dd>
            </div>
          </dl>
          <p className="course-hero__price">{formatMoney(asset.price)}</p>
          {owned ? (
            <div className="cta-stack">
              <p className="cta-note" data-testid="asset-owned">
                ✓ You own this pack. It is also on your <Link to="/dashboard">dashboard</Link>.
              </p>
              <DownloadButton asset={asset} size="lg" />
            </div>
          ) : inCart ? (
            <div className="cta-stack">
              <p className="cta-note" role="status">
                ✓ In your cart
              </p>
              <Link to="/cart" className="btn btn--primary btn--lg">
                Go to cart
              </Link>
            </div>
          ) : (
            <button
              type="button"
              className="btn btn--primary btn--lg"
              onClick={() => cart.add('asset', asset.id)}
              data-testid="add-asset"
            >
              Add to cart · {formatMoney(asset.price)}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
