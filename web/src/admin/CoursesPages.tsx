import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../api';
import { Field } from '../components/Field';
import { Alert, EmptyState, ErrorState, LoadingBlock } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useFocusFirstError } from '../components/useFocusFirstError';
import { formatDateTime, formatMoney } from '../format';
import * as adminApi from './api';
import { LessonsEditor } from './LessonsEditor';
import type { AdminCourse, CourseInput } from './types';
import { adminKeys, ConfirmDialog, formErrors, SelectField, StatusPill, TextAreaField } from './ui';

export function CoursesAdminPage() {
  useDocumentTitle('Staff · Courses');
  const courses = useQuery({ queryKey: adminKeys.courses, queryFn: adminApi.fetchCourses });
  return (
    <>
      <header className="page-head staff-head">
        <div>
          <p className="eyebrow">Staff / Courses</p>
          <h1>Courses</h1>
        </div>
        <Link to="/admin/courses/new" className="btn btn--primary" data-testid="new-course">
          New course
        </Link>
      </header>
      {courses.isPending ? (
        <LoadingBlock lines={5} label="Loading the courses…" />
      ) : courses.isError ? (
        <ErrorState error={courses.error} title="Could not load the courses" onRetry={() => courses.refetch()} />
      ) : courses.data.length === 0 ? (
        <EmptyState title="No courses yet" action={{ to: '/admin/courses/new', label: 'Write the first one' }} />
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Courses">
          <table className="table" data-testid="admin-courses">
            <caption className="visually-hidden">Courses, drafts included</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Lessons</th>
                <th scope="col">Price</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {courses.data.map((c) => (
                <tr key={c.id} data-testid={`admin-course-${c.slug}`}>
                  <td>
                    <Link to={`/admin/courses/${c.id}`}>{c.title}</Link>
                    <div className="small muted">/{c.slug}</div>
                  </td>
                  <td>
                    <StatusPill status={c.status} />
                  </td>
                  <td>{c.lessonsCount}</td>
                  <td>{formatMoney(c.price)}</td>
                  <td className="small">{c.updatedAt ? formatDateTime(c.updatedAt) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

const EMPTY: CourseInput = {
  title: '',
  slug: '',
  description: '',
  shortDescription: '',
  price: '',
  level: '',
  duration: '',
  badge: '',
  color: 'electricBlue',
  status: 'draft',
};

export const COLORS = ['electricBlue', 'signalOrange', 'neonPink', 'acidGreen', 'cyberYellow', 'ultraViolet'];

function toInput(c: AdminCourse): CourseInput {
  return {
    title: c.title,
    slug: c.slug,
    description: c.description,
    shortDescription: c.shortDescription,
    price: c.price,
    level: c.level,
    duration: c.duration,
    badge: c.badge ?? '',
    color: c.color,
    status: c.status,
  };
}

const slugify = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);

function CourseForm({ course }: { course?: AdminCourse }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [values, setValues] = useState<CourseInput>(course ? toInput(course) : EMPTY);
  const [slugTouched, setSlugTouched] = useState(!!course);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (course) setValues(toInput(course));
  }, [course]);

  const save = useMutation({
    mutationFn: (input: CourseInput) =>
      course ? adminApi.updateCourse(course.id, input) : adminApi.createCourse(input),
    onSuccess: (saved) => {
      qc.invalidateQueries({ queryKey: adminKeys.courses });
      qc.invalidateQueries({ queryKey: adminKeys.course(saved.id) });
      qc.invalidateQueries({ queryKey: ['courses'] });
      if (!course) navigate(`/admin/courses/${saved.id}`, { replace: true });
    },
  });
  useFocusFirstError(form, save.error);
  const errs = formErrors(save.error, { SLUG_TAKEN: 'slug' });
  const set = (k: keyof CourseInput) => (e: { target: { value: string } }) =>
    setValues((v) => {
      const next = { ...v, [k]: e.target.value };
      if (k === 'title' && !slugTouched) next.slug = slugify(e.target.value);
      return next;
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ ...values, badge: values.badge?.trim() ? values.badge.trim() : null });
  };

  return (
    <form ref={form} onSubmit={submit} noValidate className="staff-form" data-testid="course-form">
      {save.isError && Object.keys(errs).length === 0 && <Alert>{errorMessage(save.error)}</Alert>}
      {save.isSuccess && course && <Alert kind="success">Saved.</Alert>}
      <div className="form-grid">
        <Field label="Title" value={values.title} onChange={set('title')} error={errs.title} required />
        <Field
          label="Slug"
          value={values.slug}
          onChange={(e) => {
            setSlugTouched(true);
            set('slug')(e);
          }}
          error={errs.slug}
          hint="The course's address: /courses/<slug>. Lower-case letters, digits and dashes."
          required
        />
        <Field
          label="Short description"
          value={values.shortDescription}
          onChange={set('shortDescription')}
          error={errs.shortDescription}
          required
        />
        <Field
          label="Price (USD)"
          value={values.price}
          onChange={set('price')}
          error={errs.price}
          inputMode="decimal"
          placeholder="149.00"
          hint="With two decimals, e.g. 149.00."
          required
        />
        <Field label="Level" value={values.level} onChange={set('level')} error={errs.level} placeholder="Level 1" required />
        <Field
          label="Duration"
          value={values.duration}
          onChange={set('duration')}
          error={errs.duration}
          placeholder="4 weeks"
          required
        />
        <Field label="Badge (optional)" value={values.badge ?? ''} onChange={set('badge')} error={errs.badge} />
        <SelectField label="Colour" value={values.color} onChange={set('color')} error={errs.color}>
          {(COLORS.includes(values.color) ? COLORS : [values.color, ...COLORS]).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </SelectField>
        <SelectField label="Status" value={values.status} onChange={set('status')} error={errs.status}>
          <option value="draft">Draft (hidden from the store)</option>
          <option value="published">Published</option>
        </SelectField>
      </div>
      <TextAreaField
        label="Description"
        value={values.description}
        onChange={set('description')}
        error={errs.description}
        rows={6}
        required
      />
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={save.isPending} data-testid="save-course">
          {save.isPending ? 'Saving…' : course ? 'Save course' : 'Create course'}
        </button>
        <Link to="/admin/courses" className="btn btn--ghost">
          Back to courses
        </Link>
      </div>
    </form>
  );
}

export function CourseNewPage() {
  useDocumentTitle('Staff · New course');
  return (
    <>
      <header className="page-head">
        <p className="eyebrow">
          <Link to="/admin/courses">Courses</Link> / New
        </p>
        <h1>New course</h1>
      </header>
      <CourseForm />
    </>
  );
}

export function CourseEditPage() {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const detail = useQuery({ queryKey: adminKeys.course(id), queryFn: () => adminApi.fetchCourse(id) });
  const course = detail.data?.course;
  useDocumentTitle(course ? `Staff · ${course.title}` : 'Staff · Course');
  const [confirming, setConfirming] = useState(false);

  const refresh = () => {
    qc.invalidateQueries({ queryKey: adminKeys.course(id) });
    qc.invalidateQueries({ queryKey: adminKeys.courses });
    qc.invalidateQueries({ queryKey: ['courses'] });
  };
  const publish = useMutation({
    // As stored, not as the form shows it (an empty badge is null).
    mutationFn: (status: 'draft' | 'published') =>
      adminApi.updateCourse(id, { ...toInput(course!), badge: course!.badge ?? null, status }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => adminApi.deleteCourse(id),
    onSuccess: () => {
      refresh();
      navigate('/admin/courses', { replace: true });
    },
  });

  if (detail.isPending) return <LoadingBlock lines={8} label="Loading the course…" />;
  if (detail.isError)
    return <ErrorState error={detail.error} title="Could not load the course" onRetry={() => detail.refetch()} />;

  const published = course!.status === 'published';
  return (
    <>
      <header className="page-head staff-head">
        <div>
          <p className="eyebrow">
            <Link to="/admin/courses">Courses</Link> / {course!.slug}
          </p>
          <h1>
            {course!.title} <StatusPill status={course!.status} />
          </h1>
        </div>
        <div className="staff-head__actions">
          <button
            type="button"
            className={'btn ' + (published ? 'btn--ghost' : 'btn--primary')}
            onClick={() => publish.mutate(published ? 'draft' : 'published')}
            disabled={publish.isPending}
            data-testid="toggle-publish"
          >
            {published ? 'Unpublish' : 'Publish'}
          </button>
          {published && (
            <Link className="btn btn--ghost" to={`/courses/${course!.slug}`}>
              View in the store
            </Link>
          )}
          <button type="button" className="btn btn--danger" onClick={() => setConfirming(true)}>
            Delete
          </button>
        </div>
      </header>
      {publish.isError && <Alert>{errorMessage(publish.error)}</Alert>}
      <ConfirmDialog
        open={confirming}
        title="Delete this course?"
        confirmLabel="Delete course"
        busy={remove.isPending}
        error={remove.isError ? <Alert>{errorMessage(remove.error)}</Alert> : undefined}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirming(false)}
      >
        <p>
          “{course!.title}” leaves the store and the staff lists. Learners already enrolled keep it.
        </p>
      </ConfirmDialog>
      <section aria-labelledby="course-details">
        <h2 id="course-details" className="h-small">
          Details
        </h2>
        <CourseForm course={course} />
      </section>
      <LessonsEditor courseId={id} lessons={detail.data!.lessons} />
    </>
  );
}
