import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { certificatePdfUrl, receiptUrl } from '../api';
import type { Asset, Course, EnrollmentWithCourse, OrderWithItems } from '../api';
import { accentStyle } from '../colors';
import { categoryLabel } from '../components/categories';
import { DownloadButton } from '../components/DownloadButton';
import { Media } from '../components/Media';
import { ProgressBar } from '../components/ProgressBar';
import { Alert, EmptyState, ErrorState, LoadingBlock, LoadingCards } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatDateTime, formatMoney, shortId } from '../format';
import { completedSet, lessonCode, nextLesson } from '../lessons';
import {
  useAssets,
  useCourse,
  useCourses,
  useEnrollmentProgress,
  useEnrollments,
  useMe,
  useOrders,
  useOwnership,
} from '../queries';
import type { PurchaseState } from './CheckoutPage';

/** How long the dashboard keeps polling for the enrollment of a just-bought course. */
const ENROLLMENT_WAIT_MS = 20_000;
const ENROLLMENT_POLL_MS = 500;

function EnrollmentCard({ enrollment, course }: { enrollment: EnrollmentWithCourse; course: Course }) {
  const { progress, certificate } = enrollment;
  const detail = useCourse(course.slug);
  const rows = useEnrollmentProgress(enrollment.id);
  const done = completedSet(rows.data);
  // The lesson last watched while it is not finished, else the first one not done.
  const watched = detail.data?.lessons.find((l) => l.id === enrollment.resume?.lessonId);
  const firstNotDone = detail.data && rows.data ? nextLesson(detail.data.lessons, rows.data) : undefined;
  const next = watched && !done.has(watched.id) ? watched : firstNotDone;
  const allDone = progress.total > 0 && progress.completed >= progress.total;
  const nextDone = next ? done.has(next.id) : false;
  const href = '/learn/' + course.slug + (next ? '/' + next.id : '');
  const headingId = 'enrollment-title-' + enrollment.id;
  const action = progress.completed === 0 && !enrollment.resume ? 'Start learning' : 'Continue learning';

  return (
    <article
      className="card enrollment-card"
      style={accentStyle(course.color)}
      aria-labelledby={headingId}
      data-testid={'enrollment-' + course.slug}
    >
      <div className="card__body">
        <p className="eyebrow">Level {course.level}</p>
        <h3 className="card__title" id={headingId}>
          {course.title}
        </h3>
        <ProgressBar
          value={progress.percentage}
          label={`${course.title} progress`}
          detail={`${progress.completed} of ${progress.total} lessons`}
          testId="enrollment-progress"
        />
        <p className="enrollment-card__next">
          {allDone ? (
            <>Course complete. Rewatch any lesson.</>
          ) : next && !nextDone ? (
            <>
              Up next: <strong>{lessonCode(next)}</strong> {next.title}
            </>
          ) : (
            <>&nbsp;</>
          )}
        </p>
        <div className="card__actions">
          <Link
            to={href}
            className="btn btn--primary"
            data-testid="continue-learning"
            aria-label={`${action} ${course.title}`}
          >
            {action} →
          </Link>
          <Link to={'/courses/' + course.slug} className="btn btn--ghost btn--sm">
            Course details
          </Link>
        </div>
        {/* Issued once the course was finished; kept if a lesson is unmarked later. */}
        {certificate && (
          <div className="card__actions enrollment-card__certificate">
            <a
              href={certificatePdfUrl(certificate.code)}
              download
              className="btn btn--ghost btn--sm"
              data-testid="download-certificate"
              aria-label={`Download certificate for ${course.title}`}
            >
              Download certificate
            </a>
            <Link
              to={'/certificates/' + certificate.code}
              className="btn btn--ghost btn--sm"
              data-testid="view-certificate"
              aria-label={`View certificate for ${course.title}`}
            >
              View certificate
            </Link>
          </div>
        )}
      </div>
    </article>
  );
}

function OrderHistory({ orders }: { orders: OrderWithItems[] }) {
  const courses = useCourses();
  const assets = useAssets();
  const titleOf = (type: string, id: string) =>
    (type === 'course'
      ? courses.data?.find((c) => c.id === id)?.title
      : assets.data?.find((a) => a.id === id)?.title) ?? (type === 'course' ? 'Course' : 'Asset');

  return (
    <ol className="orders">
      {orders.map((o) => (
        <li key={o.id} className="order" data-testid="order-row">
          <div className="order__head">
            <span className="order__id">Order #{shortId(o.id)}</span>
            <time dateTime={o.createdAt}>{formatDateTime(o.createdAt)}</time>
            <span className={'status status--' + o.status}>{o.status}</span>
            <strong className="order__total">{formatMoney(o.totalAmount)}</strong>
            <a
              href={receiptUrl(o.id)}
              download
              className="btn btn--ghost btn--sm"
              data-testid="order-receipt"
              aria-label={`Receipt (PDF) for order #${shortId(o.id)}`}
            >
              Receipt (PDF)
            </a>
          </div>
          <ul className="order__items">
            {o.items.map((i) => (
              <li key={i.id}>
                <span className="order__type">{i.itemType}</span>
                <span className="order__title">{titleOf(i.itemType, i.itemId)}</span>
                <span>{formatMoney(i.price)}</span>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

/** The assets the learner bought, each with its download. */
function MyAssets({ assets }: { assets: Asset[] }) {
  return (
    <ul className="owned-assets">
      {assets.map((a) => (
        <li key={a.id} className="owned-asset" style={accentStyle(a.color)} data-testid={'owned-asset-' + a.id}>
          <Media src={a.imageUrl} alt="" color={a.color} label={a.title} className="owned-asset__media" />
          <div className="owned-asset__info">
            <Link to={'/assets/' + a.id} className="owned-asset__title">
              {a.title}
            </Link>
            <span className="owned-asset__meta">
              {categoryLabel(a.category)} · {a.fileFormat}
            </span>
          </div>
          <DownloadButton asset={a} />
        </li>
      ))}
    </ul>
  );
}

export function DashboardPage() {
  useDocumentTitle('Dashboard');
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  // The confirmation is shown once: read from the navigation state, then
  // taken out of the history entry, so a reload or Back does not repeat it.
  const [purchase] = useState(() => (location.state ?? null) as PurchaseState | null);
  useEffect(() => {
    if (location.state) navigate(location.pathname + location.search, { replace: true, state: null });
  }, [location.state, location.pathname, location.search, navigate]);
  const pending = purchase?.purchasedCourseIds ?? [];
  const startedAt = useRef(Date.now());
  const [waitedOut, setWaitedOut] = useState(false);
  useEffect(() => {
    if (pending.length === 0) return;
    const t = window.setTimeout(() => setWaitedOut(true), ENROLLMENT_WAIT_MS);
    return () => window.clearTimeout(t);
  }, [pending.length]);

  const missing = (data: EnrollmentWithCourse[] | undefined) =>
    pending.filter((id) => !data?.some((e) => e.courseId === id));

  const enrollments = useEnrollments({
    refetchInterval: (data) =>
      missing(data).length > 0 && Date.now() - startedAt.current < ENROLLMENT_WAIT_MS ? ENROLLMENT_POLL_MS : false,
  });
  const orders = useOrders();
  const assets = useAssets();
  const own = useOwnership();
  const ownedAssets = (assets.data ?? []).filter((a) => own.ownsAsset(a.id));
  const stillMissing = enrollments.data ? missing(enrollments.data) : [];

  return (
    <div className="container page">
      <header className="page-head">
        <p className="eyebrow">Dashboard</p>
        <h1>Welcome back{me.data ? `, ${me.data.username}` : ''}</h1>
      </header>

      {purchase && (
        <Alert kind="success" testId="order-confirmation">
          <strong>Order #{shortId(purchase.orderId)} confirmed</strong> · {formatMoney(purchase.totalAmount)}. Thank you!
          {stillMissing.length > 0 &&
            (waitedOut ? (
              <>
                {' '}
                Your new course is still being set up.{' '}
                <button type="button" className="link-button" onClick={() => enrollments.refetch()}>
                  Check again
                </button>
              </>
            ) : (
              <span className="pending-note"> Setting up your new course…</span>
            ))}
        </Alert>
      )}

      <section className="section section--tight" aria-labelledby="learning-title">
        <h2 id="learning-title">My courses</h2>
        {enrollments.isPending ? (
          <LoadingCards count={2} label="Loading your courses…" />
        ) : enrollments.isError ? (
          <ErrorState
            error={enrollments.error}
            title="Could not load your courses"
            onRetry={() => enrollments.refetch()}
          />
        ) : enrollments.data.length === 0 ? (
          stillMissing.length > 0 && !waitedOut ? (
            <LoadingCards count={1} label="Setting up your new course…" />
          ) : (
            <EmptyState title="No courses yet" action={{ to: '/', label: 'Browse courses' }}>
              Enroll in a course and your progress shows up here.
            </EmptyState>
          )
        ) : (
          <div className="card-grid card-grid--courses">
            {/* A course the catalog no longer lists comes with `course: null`: no card to show. */}
            {enrollments.data.map((e) => e.course && <EnrollmentCard key={e.id} enrollment={e} course={e.course} />)}
          </div>
        )}
      </section>

      {ownedAssets.length > 0 && (
        <section className="section section--tight" aria-labelledby="assets-title">
          <h2 id="assets-title">My assets</h2>
          <MyAssets assets={ownedAssets} />
        </section>
      )}

      <section className="section section--tight" aria-labelledby="orders-title">
        <h2 id="orders-title">Order history</h2>
        {orders.isPending ? (
          <LoadingBlock lines={3} label="Loading your orders…" />
        ) : orders.isError ? (
          <ErrorState error={orders.error} title="Could not load your orders" onRetry={() => orders.refetch()} />
        ) : orders.data.length === 0 ? (
          <EmptyState title="No orders yet" action={{ to: '/assets', label: 'Visit the asset store' }}>
            Your purchases will be listed here.
          </EmptyState>
        ) : (
          <OrderHistory orders={orders.data} />
        )}
      </section>
    </div>
  );
}
