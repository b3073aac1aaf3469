import { Link, Navigate, useParams } from 'react-router';
import { errorMessage, isApiError, type Lesson } from '../api';
import { accentStyle } from '../colors';
import { ProgressBar } from '../components/ProgressBar';
import { Alert, ErrorState, LoadingBlock } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatMinutes, toCents } from '../format';
import { completedSet, groupByModule, lessonCode, nextLesson, orderedLessons } from '../lessons';
import { useCourse, useEnroll, useEnrollmentProgress, useEnrollments, useUpdateProgress } from '../queries';
import { NotFoundPage } from './NotFoundPage';

function youtubeEmbed(url: string): string | null {
  const m = /(?:youtube\.com\/(?:watch\?v=|embed\/)|youtu\.be\/)([\w-]{6,})/.exec(url);
  return m ? `https://www.youtube-nocookie.com/embed/${m[1]}` : null;
}

function LessonVideo({ lesson }: { lesson: Lesson }) {
  if (!lesson.videoUrl) {
    return (
      <div className="player__screen player__screen--empty" data-testid="video-placeholder">
        <div className="player__slate" aria-hidden="true">
          <span>SCENE {lessonCode(lesson)}</span>
          <span>TAKE 1</span>
        </div>
        <p>The video for this lesson is in post-production. Read the notes and mark it complete when you are done.</p>
      </div>
    );
  }
  const embed = youtubeEmbed(lesson.videoUrl);
  return (
    <div className="player__screen">
      {embed ? (
        <iframe
          src={embed}
          title={`Video: ${lesson.title}`}
          allow="accelerometer; encrypted-media; gyroscope; picture-in-picture; fullscreen"
          allowFullScreen
        />
      ) : (
        <video
          key={lesson.id}
          controls
          preload="metadata"
          src={lesson.videoUrl}
          aria-label={`Video: ${lesson.title}`}
          data-testid="lesson-video"
        >
          <a href={lesson.videoUrl}>Download the video for {lesson.title}</a>
        </video>
      )}
    </div>
  );
}

function NotEnrolled({ slug, courseId, price, onRetry }: { slug: string; courseId: string; price: string; onRetry: () => void }) {
  const enroll = useEnroll();
  const free = toCents(price) === 0;
  return (
    <div className="state" data-testid="not-enrolled">
      <h2 className="state__title">You are not enrolled in this course</h2>
      <p className="state__text">
        {free ? 'This course is free: enroll to start watching.' : 'Buy the course to unlock every lesson.'} If you just
        bought it, your access can take a moment to appear.
      </p>
      <div className="hero__actions">
        {free ? (
          <button type="button" className="btn btn--primary" onClick={() => enroll.mutate(courseId)} disabled={enroll.isPending}>
            {enroll.isPending ? 'Enrolling…' : 'Enroll for free'}
          </button>
        ) : (
          <Link to={'/courses/' + slug} className="btn btn--primary">
            View course
          </Link>
        )}
        <button type="button" className="btn btn--ghost" onClick={onRetry}>
          Check again
        </button>
      </div>
      {enroll.isError && <Alert>{errorMessage(enroll.error)}</Alert>}
    </div>
  );
}

export function PlayerPage() {
  const { slug = '', lessonId } = useParams();
  const course = useCourse(slug);
  const enrollments = useEnrollments();
  const enrollment = course.data && enrollments.data?.find((e) => e.courseId === course.data.course.id);
  const progressRows = useEnrollmentProgress(enrollment?.id);
  const update = useUpdateProgress();
  useDocumentTitle(course.data ? `Learn · ${course.data.course.title}` : 'Learn');

  if (course.isPending || enrollments.isPending) {
    return (
      <div className="container page">
        <LoadingBlock lines={8} label="Loading the player…" />
      </div>
    );
  }
  if (course.isError) {
    if (isApiError(course.error, 404)) return <NotFoundPage what="course" />;
    return (
      <div className="container page">
        <ErrorState error={course.error} title="Could not load this course" onRetry={() => course.refetch()} />
      </div>
    );
  }
  if (enrollments.isError) {
    return (
      <div className="container page">
        <ErrorState error={enrollments.error} title="Could not load your enrollment" onRetry={() => enrollments.refetch()} />
      </div>
    );
  }

  const { course: info, lessons } = course.data;
  if (!enrollment) {
    return (
      <div className="container page">
        <NotEnrolled slug={slug} courseId={info.id} price={info.price} onRetry={() => enrollments.refetch()} />
      </div>
    );
  }
  if (progressRows.isPending) {
    return (
      <div className="container page">
        <LoadingBlock lines={8} label="Loading your progress…" />
      </div>
    );
  }
  if (progressRows.isError) {
    return (
      <div className="container page">
        <ErrorState error={progressRows.error} title="Could not load your progress" onRetry={() => progressRows.refetch()} />
      </div>
    );
  }

  const ordered = orderedLessons(lessons);
  if (ordered.length === 0) {
    return (
      <div className="container page">
        <div className="state">
          <h2 className="state__title">No lessons yet</h2>
          <p className="state__text">The lessons of this course are being prepared.</p>
        </div>
      </div>
    );
  }
  if (!lessonId) {
    const target = nextLesson(lessons, progressRows.data);
    return <Navigate to={`/learn/${slug}/${target!.id}`} replace />;
  }
  const current = ordered.find((l) => l.id === lessonId);
  if (!current) return <NotFoundPage what="lesson" />;

  const done = completedSet(progressRows.data);
  const index = ordered.indexOf(current);
  const prev = ordered[index - 1];
  const next = ordered[index + 1];
  const isDone = done.has(current.id);
  const modules = groupByModule(lessons);
  const { progress } = enrollment;

  const toggle = () =>
    update.mutate({ enrollmentId: enrollment.id, lessonId: current.id, completed: !isDone });

  return (
    <div className="player" style={accentStyle(info.color)} data-testid="player">
      <div className="player__bar">
        <div className="container player__bar-inner">
          <div>
            <p className="eyebrow">
              <Link to="/dashboard">Dashboard</Link> / <Link to={'/courses/' + slug}>Level {info.level}</Link>
            </p>
            <h1 className="player__course">{info.title}</h1>
          </div>
          <div className="player__progress">
            <ProgressBar
              value={progress.percentage}
              label="Course progress"
              detail={`${progress.completed} of ${progress.total} lessons`}
              testId="course-progress"
            />
          </div>
        </div>
      </div>

      <div className="container player__layout">
        <section className="player__main" aria-labelledby="lesson-title">
          <LessonVideo lesson={current} />
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
            <button
              type="button"
              className={'btn btn--lg ' + (isDone ? 'btn--done' : 'btn--primary')}
              aria-pressed={isDone}
              onClick={toggle}
              disabled={update.isPending}
              data-testid="mark-complete"
            >
              {update.isPending ? 'Saving…' : isDone ? '✓ Completed · Mark incomplete' : 'Mark complete'}
            </button>
          </div>
          {update.isError && <Alert testId="progress-error">{errorMessage(update.error)}</Alert>}
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

        <aside className="player__sidebar" aria-label="Lessons">
          {modules.map((m) => (
            <section key={m.moduleNumber} className="player__module" aria-labelledby={'mod-' + m.moduleNumber}>
              <h3 id={'mod-' + m.moduleNumber} className="player__module-title">
                <span>Module {m.moduleNumber}</span> {m.moduleName}
              </h3>
              <ol className="player__lessons">
                {m.lessons.map((l) => {
                  const complete = done.has(l.id);
                  const active = l.id === current.id;
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
                        </span>
                        <span className="player__lesson-time">{l.duration ? `${l.duration}m` : ''}</span>
                      </Link>
                    </li>
                  );
                })}
              </ol>
            </section>
          ))}
        </aside>
      </div>
    </div>
  );
}
