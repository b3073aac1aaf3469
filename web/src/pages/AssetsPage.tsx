import { useSearchParams } from 'react-router';
import { AssetCard } from '../components/AssetCard';
import { categoryLabel } from '../components/categories';
import { EmptyState, ErrorState, LoadingCards } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useAssets, useOwnership } from '../queries';

export function AssetsPage() {
  useDocumentTitle('Asset store');
  const assets = useAssets();
  const own = useOwnership();
  const [params, setParams] = useSearchParams();
  const active = params.get('category') ?? 'all';

  const categories = Array.from(new Set((assets.data ?? []).map((a) => a.category)));
  const shown = (assets.data ?? []).filter((a) => active === 'all' || a.category === active);

  const select = (category: string) => {
    const next = new URLSearchParams(params);
    if (category === 'all') next.delete('category');
    else next.set('category', category);
    setParams(next, { replace: true });
  };

  return (
    <div className="container page">
      <header className="page-head">
        <p className="eyebrow">Asset store</p>
        <h1>Textures, characters, LUTs and sound</h1>
        <p className="muted">Production-ready packs made for AI filmmaking. Buy once, use in every project.</p>
      </header>

      {assets.isPending ? (
        <LoadingCards count={6} label="Loading assets…" />
      ) : assets.isError ? (
        <ErrorState error={assets.error} title="Could not load the store" onRetry={() => assets.refetch()} />
      ) : assets.data.length === 0 ? (
        <EmptyState title="The store is empty">New packs are on their way.</EmptyState>
      ) : (
        <>
          {/* Cards carry h3 titles: this keeps the outline h1 > h2 > h3. */}
          <h2 className="visually-hidden">Packs</h2>
          <div className="filters" role="group" aria-label="Filter by category">
            {['all', ...categories].map((c) => (
              <button
                key={c}
                type="button"
                className="chip"
                aria-pressed={active === c}
                onClick={() => select(c)}
                data-testid={'filter-' + c}
              >
                {c === 'all' ? 'All' : categoryLabel(c)}
                <span className="chip__count">
                  {c === 'all' ? assets.data.length : assets.data.filter((a) => a.category === c).length}
                </span>
              </button>
            ))}
          </div>
          <p className="visually-hidden" role="status">
            {shown.length} assets shown
          </p>
          {shown.length === 0 ? (
            <EmptyState title={`No ${categoryLabel(active)} assets`}>
              <button type="button" className="btn btn--ghost" onClick={() => select('all')}>
                Show all assets
              </button>
            </EmptyState>
          ) : (
            <div className="card-grid" data-testid="asset-grid">
              {shown.map((a) => (
                <AssetCard key={a.id} asset={a} owned={own.ownsAsset(a.id)} />
              ))}
            </div>
          )}
        </>
      )}
    </div>
  );
}
