import { Link, useParams } from 'react-router';
import { errorMessage, isApiError, type Course } from '../api';
import { useCart } from '../cart';
import { accentStyle } from '../colors';
import { Alert, ErrorState, LoadingBlock, Skeleton } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatMinutes, formatMoney, toCents } from '../format';
import { groupByModule, lessonCode } from '../lessons';
import { useCourse, useEnroll, useMe, useOwnership } from '../queries';
import { NotFoundPage } from './NotFoundPage';

function CourseAction({ course }: { course: Course }) {
  const me = useMe();
  const own = useOwnership();
  const cart = useCart();
  const enroll = useEnroll();
  const signedIn = !!me.data;

  if (own.loading) return <Skeleton className="skeleton--button" />;

  if (own.enrolledCourseIds.has(course.id)) {
    return (
      <Link to={'/learn/' + course.slug} className="btn btn--primary btn--lg" data-testid="continue-course">
        Continue learning →
      </Link>
    );
  }
  if (own.purchasedCourseIds.has(course.id)) {
    return (
      <div className="cta-stack">
        <Alert kind="info">You bought this course. Your access is being set up.</Alert>
        <Link to="/dashboard" className="btn btn--ghost">
          Go to dashboard
        </Link>
      </div>
    );
  }
  if (toCents(course.price) === 0) {
    if (!signedIn) {
      return (
        <Link to={'/login?next=' + encodeURIComponent('/courses/' + course.slug)} className="btn btn--primary btn--lg">
          Log in to enroll for free
        </Link>
      );
    }
    return (
      <div className="cta-stack">
        <button
          type="button"
          className="btn btn--primary btn--lg"
          onClick={() => enroll.mutate(course.id)}
          disabled={enroll.isPending}
          data-testid="enroll-course"
        >
          {enroll.isPending ? 'Enrolling…' : 'Enroll for free'}
        </button>
        {enroll.isError && <Alert>{errorMessage(enroll.error)}</Alert>}
      </div>
    );
  }
  if (cart.has('course', course.id)) {
    return (
      <div className="cta-stack">
        <p className="cta-note" role="status">
          ✓ In your cart
        </p>
        <Link to="/cart" className="btn btn--primary btn--lg" data-testid="go-to-cart">
          Go to cart
        </Link>
      </div>
    );
  }
  return (
    <button
      type="button"
      className="btn btn--primary btn--lg"
      onClick={() => cart.add('course', course.id)}
      data-testid="buy-course"
    >
      Buy course · {formatMoney(course.price)}
    </button>
  );
}

export function CoursePage() {
  const { slug } = useParams();
  const query = useCourse(slug);
  useDocumentTitle(query.data?.course.title);

  if (query.isPending) {
    return (
      <div className="container page">
        <LoadingBlock lines={6} label="Loading course…" />
      </div>
    );
  }
  if (query.isError) {
    if (isApiError(query.error, 404)) return <NotFoundPage what="course" />;
    return (
      <div className="container page">
        <ErrorState error={query.error} title="Could not load this course" onRetry={() => query.refetch()} />
      </div>
    );
  }

  const { course, lessons } = query.data;
  const modules = groupByModule(lessons);
  const totalMinutes = modules.reduce((sum, m) => sum + m.minutes, 0);

  return (
    <div style={accentStyle(course.color)} data-testid="course-page">
      <section className="course-hero" aria-labelledby="course-title">
        <div className="container course-hero__inner">
          <div>
            <p className="eyebrow">
              <Link to="/">Courses</Link> / Level {course.level}
              {course.badge && <span className="badge">{course.badge}</span>}
            </p>
            <h1 id="course-title" className="course-hero__title">
              {course.title}
            </h1>
            <p className="course-hero__lead">{course.shortDescription}</p>
            <p className="course-hero__desc">{course.description}</p>
          </div>
          <aside className="course-hero__panel" aria-label="Course details">
            <p className="course-hero__price">{formatMoney(course.price)}</p>
            <dl className="meta meta--stacked">
              <div>
                <dt>Level</dt>
                <dd>{course.level}</dd>
              </div>
              <div>
                <dt>Duration</dt>
                <dd>{course.duration}</dd>
              </div>
              <div>
                <dt>Lessons</dt>
                <dd>{course.lessonsCount}</dd>
              </div>
              <div>
                <dt>Modules</dt>
                <dd>{modules.length}</dd>
              </div>
            </dl>
            <CourseAction course={course} />
          </aside>
        </div>
      </section>

      <section className="container section" aria-labelledby="curriculum-title">
        <div className="section__head">
          <p className="eyebrow">Curriculum</p>
          <h2 id="curriculum-title">
            {modules.length} modules · {lessons.length} lessons
            {totalMinutes > 0 && <> · {formatMinutes(totalMinutes)}</>}
          </h2>
        </div>
        {modules.length === 0 ? (
          <p className="muted">The lesson list for this course is being prepared.</p>
        ) : (
          <ol className="modules">
            {modules.map((m, i) => (
              <li key={m.moduleNumber} className="module">
                <details open={i < 2}>
                  <summary>
                    <span className="module__num">Module {m.moduleNumber}</span>
                    <span className="module__name">{m.moduleName}</span>
                    <span className="module__meta">
                      {m.lessons.length} lessons{m.minutes > 0 && ` · ${formatMinutes(m.minutes)}`}
                    </span>
                  </summary>
                  <ol className="lesson-list">
                    {m.lessons.map((l) => (
                      <li key={l.id} className="lesson-row" data-testid={'curriculum-' + lessonCode(l)}>
                        <span className="lesson-row__code">{lessonCode(l)}</span>
                        <span className="lesson-row__title">
                          {l.title}
                          {l.preview && <span className="tag tag--preview">Free preview</span>}
                        </span>
                        {l.preview ? (
                          <Link
                            to={`/learn/${course.slug}/${l.id}`}
                            className="btn btn--ghost btn--sm"
                            data-testid="watch-preview"
                            aria-label={`Watch the free preview: ${l.title}`}
                          >
                            ▶ Watch
                          </Link>
                        ) : (
                          <span className="lesson-row__time">{formatMinutes(l.duration)}</span>
                        )}
                      </li>
                    ))}
                  </ol>
                </details>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
