import { Link } from 'react-router';
import { AssetCard } from '../components/AssetCard';
import { CourseCard } from '../components/CourseCard';
import { EmptyState, ErrorState, LoadingCards } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useAssets, useCourses, useOwnership } from '../queries';

export function HomePage() {
  useDocumentTitle(undefined);
  const courses = useCourses();
  const assets = useAssets();
  const own = useOwnership();

  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <div className="hero__grain" aria-hidden="true" />
        <div className="container hero__inner">
          <p className="eyebrow eyebrow--rec">
            <span className="rec-dot" aria-hidden="true" /> AI filmmaking school
          </p>
          <h1 id="hero-title" className="hero__title">
            Direct films with <span className="text-blue">Gemini</span>, <span className="text-orange">Nano Banana</span>{' '}
            and Veo.
          </h1>
          <p className="hero__lead">
            Run a complete studio from your browser: write, design characters, shoot and cut with one connected
            workflow.
          </p>
          <div className="hero__actions">
            <a href="#courses" className="btn btn--primary">
              Browse courses
            </a>
            <Link to="/assets" className="btn btn--ghost">
              Explore the asset store
            </Link>
          </div>
        </div>
      </section>

      <section id="courses" className="container section" aria-labelledby="courses-title">
        <div className="section__head">
          <p className="eyebrow">The curriculum</p>
          <h2 id="courses-title">Courses</h2>
        </div>
        {courses.isPending ? (
          <LoadingCards count={2} label="Loading courses…" />
        ) : courses.isError ? (
          <ErrorState error={courses.error} title="Could not load courses" onRetry={() => courses.refetch()} />
        ) : courses.data.length === 0 ? (
          <EmptyState title="No courses yet">New courses are in production. Check back soon.</EmptyState>
        ) : (
          <div className="card-grid card-grid--courses">
            {courses.data.map((c) => (
              <CourseCard key={c.id} course={c} owned={own.enrolledCourseIds.has(c.id)} />
            ))}
          </div>
        )}
      </section>

      <section className="container section" aria-labelledby="assets-title">
        <div className="section__head section__head--row">
          <div>
            <p className="eyebrow">Asset store</p>
            <h2 id="assets-title">Ready-made for your next shot</h2>
          </div>
          <Link to="/assets" className="btn btn--ghost btn--sm">
            All assets →
          </Link>
        </div>
        {assets.isPending ? (
          <LoadingCards count={3} label="Loading assets…" />
        ) : assets.isError ? (
          <ErrorState error={assets.error} title="Could not load assets" onRetry={() => assets.refetch()} />
        ) : assets.data.length === 0 ? (
          <EmptyState title="The store is empty">New packs are on their way.</EmptyState>
        ) : (
          <div className="card-grid">
            {assets.data.slice(0, 3).map((a) => (
              <AssetCard key={a.id} asset={a} owned={own.ownsAsset(a.id)} />
            ))}
          </div>
        )}
      </section>
    </>
  );
}
