import { Link } from 'react-router';
import { useDocumentTitle } from '../components/useDocumentTitle';

export function NotFoundPage({ what = 'page' }: { what?: string }) {
  useDocumentTitle('Not found');
  return (
    <div className="container page not-found" data-testid="not-found">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1>Scene missing</h1>
      <p>We could not find that {what}. It may have been moved or cut in the edit.</p>
      <div className="hero__actions">
        <Link to="/" className="btn btn--primary">
          Back to courses
        </Link>
        <Link to="/assets" className="btn btn--ghost">
          Asset store
        </Link>
      </div>
    </div>
  );
}
