/** Loading skeletons, empty states and error states shared by every page. */
import type { CSSProperties, ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api';

export function Skeleton({ className = '', style }: { className?: string; style?: CSSProperties }) {
  return <span className={'skeleton ' + className} style={style} aria-hidden="true" />;
}

/** A block of placeholder cards; announced once to screen readers. */
export function LoadingCards({ count = 3, label = 'Loading…' }: { count?: number; label?: string }) {
  return (
    <div className="card-grid" role="status" aria-busy="true" data-testid="loading">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: count }, (_, i) => (
        <div className="card card--skeleton" key={i} aria-hidden="true">
          <Skeleton className="skeleton--media" />
          <div className="card__body">
            <Skeleton className="skeleton--line skeleton--short" />
            <Skeleton className="skeleton--title" />
            <Skeleton className="skeleton--line" />
            <Skeleton className="skeleton--line skeleton--short" />
          </div>
        </div>
      ))}
    </div>
  );
}

export function LoadingBlock({ lines = 4, label = 'Loading…' }: { lines?: number; label?: string }) {
  return (
    <div className="loading-block" role="status" aria-busy="true" data-testid="loading">
      <span className="visually-hidden">{label}</span>
      <Skeleton className="skeleton--title" />
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} className={'skeleton--line' + (i % 3 === 2 ? ' skeleton--short' : '')} />
      ))}
    </div>
  );
}

export function ErrorState({
  error,
  title = 'Something went wrong',
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  return (
    <div className="state state--error" role="alert" data-testid="error-state">
      <p className="state__icon" aria-hidden="true">
        ⚠
      </p>
      <h2 className="state__title">{title}</h2>
      <p className="state__text">{errorMessage(error)}</p>
      {onRetry && (
        <button type="button" className="btn btn--ghost" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: { to: string; label: string };
}) {
  return (
    <div className="state state--empty" data-testid="empty-state">
      <p className="state__icon" aria-hidden="true">
        ◎
      </p>
      <h2 className="state__title">{title}</h2>
      {children && <div className="state__text">{children}</div>}
      {action && (
        <Link className="btn btn--primary" to={action.to}>
          {action.label}
        </Link>
      )}
    </div>
  );
}

export function Alert({
  kind = 'error',
  children,
  testId,
}: {
  kind?: 'error' | 'success' | 'info';
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div
      className={'alert alert--' + kind}
      role={kind === 'error' ? 'alert' : 'status'}
      data-testid={testId}
    >
      {children}
    </div>
  );
}
