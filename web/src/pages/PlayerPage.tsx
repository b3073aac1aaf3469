import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { errorMessage, isApiError, type Course, type Lesson, type LessonResponse } from '../api';
import { useCart } from '../cart';
import { accentStyle } from '../colors';
import { LessonNotes } from '../components/LessonNotes';
import { ProgressBar } from '../components/ProgressBar';
import { Alert, ErrorState, LoadingBlock } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { VideoPlayer, type SaveReason } from '../components/VideoPlayer';
import { formatMinutes, formatMoney, toCents } from '../format';
import { completedSet, groupByModule, lessonCode, nextLesson, orderedLessons } from '../lessons';
import {
  useCourse,
  useEnroll,
  useEnrollmentProgress,
  useEnrollments,
  useLesson,
  useMe,
  useSavePosition,
  useUpdateProgress,
} from '../queries';
import { NotFoundPage } from './NotFoundPage';

/** Watching this share of a video completes the lesson (the server's rule too). */
const COMPLETE_AT = 0.9;

function Screen({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <div className="player__screen player__screen--empty" data-testid={testId} role="status">
      {children}
    </div>
  );
}

/** The video when it is ready; otherwise an honest word about where it is. */
function LessonScreen({
  opened,
  canSave,
  onPosition,
  onEnded,
  onUrlsExpired,
}: {
  opened: LessonResponse;
  canSave: boolean;
  onPosition: (seconds: number, reason: SaveReason) => void;
  onEnded: () => void;
  onUrlsExpired: () => void;
}) {
  const { lesson, playback, position } = opened;
  const slate = (
    <div className="player__slate" aria-hidden="true">
      <span>SCENE {lessonCode(lesson)}</span>
      <span>TAKE 1</span>
    </div>
  );
  if (playback) {
    return (
      <VideoPlayer
        playback={playback}
        title={lesson.title}
        startAt={position?.seconds ?? 0}
        onPosition={canSave ? onPosition : undefined}
        onEnded={onEnded}
        onUrlsExpired={onUrlsExpired}
      />
    );
  }
  if (lesson.video?.status === 'failed') {
    return (
      <Screen testId="video-failed">
        {slate}
        <p>The video of this lesson could not be prepared. The team has been told; the notes below cover the lesson.</p>
      </Screen>
    );
  }
  if (lesson.video?.status === 'processing') {
    return (
      <Screen testId="video-processing">
        {slate}
        <p>The video of this lesson is being processed and will play here in a few minutes.</p>
      </Screen>
    );
  }
  return (
    <Screen testId="video-placeholder">
      {slate}
      <p>This lesson has no video yet. Read the notes and mark it complete when you are done.</p>
    </Screen>
  );
}

function BuyCourse({ course }: { course: Course }) {
  const me = useMe();
  const cart = useCart();
  const enroll = useEnroll();
  if (toCents(course.price) === 0) {
    if (!me.data) {
      return (
        <Link to={'/login?next=' + encodeURIComponent('/courses/' + course.slug)} className="btn btn--primary">
          Log in to enroll for free
        </Link>
      );
    }
    return (
      <>
        <button type="button" className="btn btn--primary" onClick={() => enroll.mutate(course.id)} disabled={enroll.isPending}>
          {enroll.isPending ? 'Enrolling…' : 'Enroll for free'}
        </button>
        {enroll.isError && <Alert>{errorMessage(enroll.error)}</Alert>}
      </>
    );
  }
  if (cart.has('course', course.id)) {
    return (
      <Link to="/cart" className="btn btn--primary" data-testid="go-to-cart">
        Go to cart
      </Link>
    );
  }
  return (
    <button type="button" className="btn btn--primary" onClick={() => cart.add('course', course.id)} data-testid="buy-course">
      Buy course · {formatMoney(course.price)}
    </button>
  );
}

function NotEnrolled({ course, onRetry }: { course: Course; onRetry: () => void }) {
  return (
    <div className="container page">
      <div className="state" data-testid="not-enrolled">
        <h1 className="state__title">You are not enrolled in this course</h1>
        <p className="state__text">
          {toCents(course.price) === 0 ? 'This course is free: enroll to start watching.' : 'Buy the course to unlock every lesson.'}{' '}
          If you just bought it, your access can take a moment to appear.
        </p>
        <div className="hero__actions">
          <BuyCourse course={course} />
          <Link to={'/courses/' + course.slug} className="btn btn--ghost">
            View course
          </Link>
          <button type="button" className="btn btn--ghost" onClick={onRetry}>
            Check again
          </button>
        </div>
      </div>
    </div>
  );
}

function LockIcon() {
  return (
    <svg className="lock-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M8 1a3.5 3.5 0 0 0-3.5 3.5V6H4a1 1 0 0 0-1 1v7a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V7a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 5H6V4.5a2 2 0 1 1 4 0V6Z"
      />
    </svg>
  );
}

function Sidebar({
  slug,
  lessons,
  currentId,
  done,
  enrolled,
}: {
  slug: string;
  lessons: Lesson[];
  currentId: string;
  done: Set<string>;
  enrolled: boolean;
}) {
  const listRef = useRef<HTMLElement>(null);
  // Bring the current lesson into the list's view (not the page's).
  useEffect(() => {
    const list = listRef.current;
    const active = list?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!list || !active) return;
    const top = active.offsetTop - list.clientHeight / 2 + active.offsetHeight / 2;
    list.scrollTo({ top: Math.max(0, top) });
  }, [currentId]);

  return (
    <aside className="player__sidebar" aria-label="Lessons" ref={listRef}>
      {groupByModule(lessons).map((m) => (
        <section key={m.moduleNumber} className="player__module" aria-labelledby={'mod-' + m.moduleNumber}>
          <h2 id={'mod-' + m.moduleNumber} className="player__module-title">
            <span>Module {m.moduleNumber}</span> {m.moduleName}
          </h2>
          <ol className="player__lessons">
            {m.lessons.map((l) => {
              const complete = done.has(l.id);
              const active = l.id === currentId;
              const locked = !enrolled && !l.preview;
              return (
                <li key={l.id}>
                  <Link
                    to={`/learn/${slug}/${l.id}`}
                    className={'player__lesson' + (active ? ' is-active' : '') + (complete ? ' is-done' : '')}
                    aria-current={active ? 'page' : undefined}
                    data-testid={'lesson-' + lessonCode(l)}
                  >
                    <span className="player__check" aria-hidden="true">
                      {complete ? '✓' : lessonCode(l)}
                    </span>
                    <span className="player__lesson-name">
                      {l.title}
                      {complete && <span className="visually-hidden"> (completed)</span>}
                      {!enrolled && l.preview && <span className="tag tag--preview">Preview</span>}
                      {locked && <span className="visually-hidden"> (for enrolled learners)</span>}
                    </span>
                    <span className="player__lesson-time">
                      {locked ? <LockIcon /> : l.duration ? `${l.duration}m` : ''}
                    </span>
                  </Link>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </aside>
  );
}

export function PlayerPage() {
  const { slug = '', lessonId } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe();
  const signedIn = !!me.data;
  const course = useCourse(slug);
  const enrollments = useEnrollments({ enabled: signedIn });
  const opened = useLesson(lessonId);
  const enrollment = course.data && enrollments.data?.find((e) => e.courseId === course.data.course.id);
  const progressRows = useEnrollmentProgress(enrollment?.id);
  const update = useUpdateProgress();
  const savePosition = useSavePosition(enrollment?.id);
  const [ended, setEnded] = useState(false);
  useDocumentTitle(course.data ? `Learn · ${course.data.course.title}` : 'Learn');

  useEffect(() => setEnded(false), [lessonId]);

  const loginHref = '/login?next=' + encodeURIComponent(location.pathname + location.search);
  const page = (node: ReactNode) => <div className="container page">{node}</div>;

  if (me.isPending || course.isPending || (signedIn && enrollments.isPending)) {
    return page(<LoadingBlock lines={8} label="Loading the player…" />);
  }
  if (course.isError) {
    if (isApiError(course.error, 404)) return <NotFoundPage what="course" />;
    return page(<ErrorState error={course.error} title="Could not load this course" onRetry={() => course.refetch()} />);
  }
  if (enrollments.isError) {
    return page(
      <ErrorState error={enrollments.error} title="Could not load your enrollment" onRetry={() => enrollments.refetch()} />,
    );
  }

  const { course: info, lessons } = course.data;
  const ordered = orderedLessons(lessons);
  if (ordered.length === 0) {
    return page(
      <div className="state">
        <h1 className="state__title">No lessons yet</h1>
        <p className="state__text">The lessons of this course are being prepared.</p>
      </div>,
    );
  }

  if (!lessonId) {
    if (!signedIn) return <Navigate to={loginHref} replace />;
    if (!enrollment) return <NotEnrolled course={info} onRetry={() => enrollments.refetch()} />;
    if (progressRows.isPending) return page(<LoadingBlock lines={8} label="Loading your progress…" />);
    const target = enrollment.resume?.lessonId ?? nextLesson(lessons, progressRows.data)!.id;
    return <Navigate to={`/learn/${slug}/${target}`} replace />;
  }

  const current = ordered.find((l) => l.id === lessonId);
  if (!current) return <NotFoundPage what="lesson" />;
  if (opened.isPending) return page(<LoadingBlock lines={8} label="Loading the lesson…" />);
  if (opened.isError) {
    if (isApiError(opened.error, 401)) return <Navigate to={loginHref} replace />;
    if (isApiError(opened.error, 402)) return <NotEnrolled course={info} onRetry={() => opened.refetch()} />;
    if (isApiError(opened.error, 404)) return <NotFoundPage what="lesson" />;
    return page(<ErrorState error={opened.error} title="Could not load this lesson" onRetry={() => opened.refetch()} />);
  }

  const enrolled = !!enrollment;
  const done = completedSet(progressRows.data);
  const index = ordered.indexOf(current);
  const prev = ordered[index - 1];
  const next = ordered[index + 1];
  const isDone = done.has(current.id);
  const duration = opened.data.lesson.video?.durationSeconds ?? null;

  const onPosition = (seconds: number, reason: SaveReason) => {
    // The server refuses a position past the end; players report a little past it.
    const at = duration ? Math.min(seconds, duration) : seconds;
    const completes = !!duration && at >= COMPLETE_AT * duration && !isDone;
    savePosition.mutate({ lessonId: current.id, seconds: at, completes, keepalive: reason === 'leave' });
  };
  const toggle = () => update.mutate({ enrollmentId: enrollment!.id, lessonId: current.id, completed: !isDone });
  const completeAndContinue = () => {
    const go = () => navigate(next ? `/learn/${slug}/${next.id}` : '/dashboard');
    if (isDone) return go();
    update.mutate({ enrollmentId: enrollment!.id, lessonId: current.id, completed: true }, { onSuccess: go });
  };

  return (
    <div className="player" style={accentStyle(info.color)} data-testid="player">
      <div className="player__bar">
        <div className="container player__bar-inner">
          <div>
            <p className="eyebrow">
              {enrolled ? <Link to="/dashboard">Dashboard</Link> : <Link to="/">Courses</Link>} /{' '}
              <Link to={'/courses/' + slug}>Level {info.level}</Link>
            </p>
            <h1 className="player__course">{info.title}</h1>
          </div>
          {enrollment ? (
            <div className="player__progress">
              <ProgressBar
                value={enrollment.progress.percentage}
                label="Course progress"
                detail={`${enrollment.progress.completed} of ${enrollment.progress.total} lessons`}
                testId="course-progress"
              />
            </div>
          ) : (
            <div className="player__buy" data-testid="preview-banner">
              <p>
                <strong>Free preview.</strong> Buy the course to watch all {ordered.length} lessons.
              </p>
              <BuyCourse course={info} />
            </div>
          )}
        </div>
      </div>

      <div className="container player__layout">
        <section className="player__main" aria-labelledby="lesson-title">
          <div className="player__stage">
            <LessonScreen
              key={current.id}
              opened={opened.data}
              canSave={enrolled}
              onPosition={onPosition}
              onEnded={() => setEnded(true)}
              onUrlsExpired={() => opened.refetch()}
            />
            {ended && enrolled && (
              <div className="player__end" data-testid="lesson-ended">
                <p>{next ? `Up next: ${lessonCode(next)} ${next.title}` : 'That was the last lesson of the course.'}</p>
                <button
                  type="button"
                  className="btn btn--primary btn--lg"
                  onClick={completeAndContinue}
                  disabled={update.isPending}
                  data-testid="complete-and-continue"
                >
                  {next ? 'Complete and continue →' : 'Complete the course'}
                </button>
              </div>
            )}
          </div>
          <div className="player__lesson-head">
            <div>
              <p className="eyebrow">
                Module {current.moduleNumber} · {current.moduleName}
              </p>
              <h2 id="lesson-title" className="player__lesson-title">
                <span className="lesson-code">{lessonCode(current)}</span> {current.title}
              </h2>
              {current.duration ? <p className="muted">{formatMinutes(current.duration)}</p> : null}
            </div>
            {enrolled && (
              <button
                type="button"
                className={'btn btn--lg ' + (isDone ? 'btn--done' : 'btn--primary')}
                aria-pressed={isDone}
                onClick={toggle}
                disabled={update.isPending || progressRows.isPending}
                data-testid="mark-complete"
              >
                {update.isPending ? 'Saving…' : isDone ? '✓ Completed · Mark incomplete' : 'Mark complete'}
              </button>
            )}
          </div>
          {update.isError && <Alert testId="progress-error">{errorMessage(update.error)}</Alert>}
          {opened.data.notes && (
            <section className="player__notes" aria-labelledby="notes-title">
              <h3 id="notes-title" className="visually-hidden">
                Lesson notes
              </h3>
              <LessonNotes markdown={opened.data.notes} />
            </section>
          )}
          <nav className="player__pager" aria-label="Lesson navigation">
            {prev ? (
              <Link to={`/learn/${slug}/${prev.id}`} className="btn btn--ghost" data-testid="prev-lesson">
                ← {lessonCode(prev)} {prev.title}
              </Link>
            ) : (
              <span />
            )}
            {next && (
              <Link to={`/learn/${slug}/${next.id}`} className="btn btn--ghost" data-testid="next-lesson">
                {lessonCode(next)} {next.title} →
              </Link>
            )}
          </nav>
        </section>

        <Sidebar slug={slug} lessons={lessons} currentId={current.id} done={done} enrolled={enrolled} />
      </div>
    </div>
  );
}
