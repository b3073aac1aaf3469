import { Link } from 'react-router';
import type { Course } from '../api';
import { accentStyle } from '../colors';
import { formatMoney } from '../format';

export function CourseCard({ course, owned }: { course: Course; owned?: boolean }) {
  const headingId = 'course-title-' + course.slug;
  return (
    <article
      className="card course-card"
      style={accentStyle(course.color)}
      aria-labelledby={headingId}
      data-testid={'course-card-' + course.slug}
    >
      <div className="course-card__frame" aria-hidden="true">
        <span className="course-card__level-num">{course.level}</span>
        <span className="course-card__scanline" />
      </div>
      <div className="card__body">
        <p className="eyebrow">
          Level {course.level}
          {course.badge && <span className="badge">{course.badge}</span>}
          {owned && <span className="badge badge--owned">Enrolled</span>}
        </p>
        <h3 className="card__title" id={headingId}>
          <Link to={'/courses/' + course.slug} className="card__link">
            {course.title}
          </Link>
        </h3>
        <p className="card__text">{course.shortDescription}</p>
        <dl className="meta">
          <div>
            <dt>Duration</dt>
            <dd>{course.duration}</dd>
          </div>
          <div>
            <dt>Lessons</dt>
            <dd>{course.lessonsCount}</dd>
          </div>
          <div>
            <dt>Price</dt>
            <dd className="price">{formatMoney(course.price)}</dd>
          </div>
        </dl>
        <span className="card__cta" aria-hidden="true">
          {owned ? 'Continue →' : 'View course →'}
        </span>
      </div>
    </article>
  );
}
