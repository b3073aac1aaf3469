import { Link, useParams } from 'react-router';
import { certificatePdfUrl, isApiError } from '../api';
import { ErrorState, LoadingBlock } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatDate } from '../format';
import { useCertificate } from '../queries';
import { NotFoundPage } from './NotFoundPage';

/** A certificate's public page: what its PDF says, for anyone holding the code. */
export function CertificatePage() {
  const { code } = useParams();
  const query = useCertificate(code);
  useDocumentTitle(query.data ? `Certificate · ${query.data.learnerName}` : 'Certificate');

  if (query.isPending) {
    return (
      <div className="container page page--narrow">
        <LoadingBlock lines={4} label="Loading the certificate…" />
      </div>
    );
  }
  if (query.isError) {
    if (isApiError(query.error, 404)) return <NotFoundPage what="certificate" />;
    return (
      <div className="container page page--narrow">
        <ErrorState error={query.error} title="Could not load this certificate" onRetry={() => query.refetch()} />
      </div>
    );
  }

  const certificate = query.data;
  return (
    <div className="container page page--narrow" data-testid="certificate-page">
      <article className="certificate" aria-labelledby="certificate-learner">
        <p className="eyebrow">Certificate of completion</p>
        <p className="certificate__lead">This certifies that</p>
        <h1 className="certificate__name" id="certificate-learner" data-testid="certificate-learner">
          {certificate.learnerName}
        </h1>
        <p className="certificate__lead">has completed the course</p>
        <p className="certificate__course" data-testid="certificate-course">
          {certificate.courseTitle}
        </p>
        <dl className="meta certificate__meta">
          <div>
            <dt>Completed</dt>
            <dd>
              <time dateTime={certificate.completedAt}>{formatDate(certificate.completedAt)}</time>
            </dd>
          </div>
          <div>
            <dt>Certificate code</dt>
            <dd className="certificate__code" data-testid="certificate-code">
              {certificate.code}
            </dd>
          </div>
        </dl>
        <p className="certificate__verified">✓ Issued by Infinite Studio. This page is its record.</p>
        <div className="card__actions">
          <a className="btn btn--primary" href={certificatePdfUrl(certificate.code)} download data-testid="certificate-pdf">
            Download PDF
          </a>
          <Link className="btn btn--ghost" to="/">
            Browse courses
          </Link>
        </div>
      </article>
    </div>
  );
}
