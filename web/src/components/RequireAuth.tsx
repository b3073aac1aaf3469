import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../queries';
import { ErrorState, LoadingBlock } from './States';

/** Renders children for a signed-in user; sends visitors to /login?next=<here>. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <div className="container page">
        <LoadingBlock label="Checking your session…" />
      </div>
    );
  }
  if (me.isError) {
    return (
      <div className="container page">
        <ErrorState error={me.error} title="Could not check your session" onRetry={() => me.refetch()} />
      </div>
    );
  }
  if (!me.data) {
    const next = location.pathname + location.search + location.hash;
    return <Navigate to={'/login?next=' + encodeURIComponent(next)} replace />;
  }
  return <>{children}</>;
}

/** Only same-site paths are accepted as a post-login destination. */
export function safeNext(next: string | null, fallback = '/dashboard'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
