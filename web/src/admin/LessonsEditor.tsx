/** A course's lessons: add, edit, delete, upload a video, and the outline (order and modules) in one PUT. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../api';
import { Field } from '../components/Field';
import { Alert } from '../components/States';
import { useFocusFirstError } from '../components/useFocusFirstError';
import * as adminApi from './api';
import type { AdminLesson, LessonInput, OutlineModule } from './types';
import { UploadBox } from './UploadBox';
import { adminKeys, CheckboxField, ConfirmDialog, Dialog, formErrors, SelectField, StatusPill, TextAreaField } from './ui';

const byPlace = (a: AdminLesson, b: AdminLesson) => a.moduleNumber - b.moduleNumber || a.lessonNumber - b.lessonNumber;

function modulesOf(lessons: AdminLesson[]): OutlineModule[] {
  const out: OutlineModule[] = [];
  const index = new Map<number, number>();
  for (const l of [...lessons].sort(byPlace)) {
    if (!index.has(l.moduleNumber)) {
      index.set(l.moduleNumber, out.length);
      out.push({ moduleName: l.moduleName, lessonIds: [] });
    }
    out[index.get(l.moduleNumber)!].lessonIds.push(l.id);
  }
  return out;
}

function LessonForm({
  courseId,
  lesson,
  lessons,
  onDone,
}: {
  courseId: string;
  lesson?: AdminLesson;
  lessons: AdminLesson[];
  onDone: () => void;
}) {
  const qc = useQueryClient();
  const last = [...lessons].sort(byPlace).at(-1);
  const [v, setV] = useState({
    moduleNumber: String(lesson?.moduleNumber ?? last?.moduleNumber ?? 1),
    moduleName: lesson?.moduleName ?? last?.moduleName ?? 'Module 1',
    lessonNumber: String(
      lesson?.lessonNumber ??
        Math.max(0, ...lessons.filter((l) => l.moduleNumber === (last?.moduleNumber ?? 1)).map((l) => l.lessonNumber)) + 1,
    ),
    title: lesson?.title ?? '',
    duration: lesson?.duration != null ? String(lesson.duration) : '',
    notes: lesson?.notes ?? '',
    preview: lesson?.preview ?? false,
    status: lesson?.status ?? 'draft',
  });
  const form = useRef<HTMLFormElement>(null);
  const save = useMutation({
    mutationFn: (input: LessonInput) =>
      lesson ? adminApi.updateLesson(lesson.id, input) : adminApi.createLesson(courseId, input),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: adminKeys.course(courseId) });
      onDone();
    },
  });
  useFocusFirstError(form, save.error);
  const errs = formErrors(save.error, { LESSON_NUMBER_TAKEN: 'lessonNumber' });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((o) => ({ ...o, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      moduleNumber: Number(v.moduleNumber),
      moduleName: v.moduleName,
      lessonNumber: Number(v.lessonNumber),
      title: v.title,
      duration: v.duration.trim() ? Number(v.duration) : null,
      notes: v.notes.trim() ? v.notes : null,
      preview: v.preview,
      status: v.status as LessonInput['status'],
    });
  };
  return (
    <form ref={form} onSubmit={submit} noValidate data-testid="lesson-form">
      {save.isError && Object.keys(errs).length === 0 && <Alert>{errorMessage(save.error)}</Alert>}
      <Field label="Lesson title" value={v.title} onChange={set('title')} error={errs.title} required />
      <div className="form-grid">
        <Field
          label="Module number"
          type="number"
          min={1}
          value={v.moduleNumber}
          onChange={set('moduleNumber')}
          error={errs.moduleNumber}
        />
        <Field label="Module name" value={v.moduleName} onChange={set('moduleName')} error={errs.moduleName} />
        <Field
          label="Lesson number"
          type="number"
          min={1}
          value={v.lessonNumber}
          onChange={set('lessonNumber')}
          error={errs.lessonNumber}
          hint="Its place in the module."
        />
        <Field
          label="Duration in minutes (optional)"
          type="number"
          min={0}
          value={v.duration}
          onChange={set('duration')}
          error={errs.duration}
        />
        <SelectField label="Lesson status" value={v.status} onChange={set('status')} error={errs.status}>
          <option value="draft">Draft</option>
          <option value="published">Published</option>
        </SelectField>
      </div>
      <CheckboxField
        label="Free preview (watchable without buying)"
        checked={v.preview}
        onChange={(preview) => setV((o) => ({ ...o, preview }))}
        error={errs.preview}
      />
      <TextAreaField label="Notes (Markdown, optional)" value={v.notes} onChange={set('notes')} error={errs.notes} rows={5} />
      <div className="dialog__actions">
        <button type="button" className="btn btn--ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="btn btn--primary" disabled={save.isPending} data-testid="save-lesson">
          {save.isPending ? 'Saving…' : lesson ? 'Save lesson' : 'Add lesson'}
        </button>
      </div>
    </form>
  );
}

function OutlineEditor({
  courseId,
  lessons,
  onDone,
}: {
  courseId: string;
  lessons: AdminLesson[];
  onDone: () => void;
}) {
  const qc = useQueryClient();
  const [modules, setModules] = useState<OutlineModule[]>(() => modulesOf(lessons));
  const [live, setLive] = useState('');
  const title = useMemo(() => new Map(lessons.map((l) => [l.id, l.title])), [lessons]);
  const save = useMutation({
    // Empty modules are dropped: the outline names modules that hold lessons.
    mutationFn: () => adminApi.saveOutline(courseId, { modules: modules.filter((m) => m.lessonIds.length) }),
    onSuccess: (detail) => {
      qc.setQueryData(adminKeys.course(courseId), detail);
      qc.invalidateQueries({ queryKey: adminKeys.course(courseId) });
      onDone();
    },
  });

  const move = (m: number, i: number, delta: -1 | 1) =>
    setModules((old) => {
      const next = old.map((x) => ({ ...x, lessonIds: [...x.lessonIds] }));
      const ids = next[m].lessonIds;
      const j = i + delta;
      if (j < 0 || j >= ids.length) return old;
      [ids[i], ids[j]] = [ids[j], ids[i]];
      setLive(`${title.get(ids[j])} moved to place ${j + 1} of ${next[m].moduleName}.`);
      return next;
    });
  const moveTo = (m: number, i: number, target: number) =>
    setModules((old) => {
      const next = old.map((x) => ({ ...x, lessonIds: [...x.lessonIds] }));
      const [id] = next[m].lessonIds.splice(i, 1);
      next[target].lessonIds.push(id);
      setLive(`${title.get(id)} moved to ${next[target].moduleName}.`);
      return next;
    });
  const rename = (m: number, name: string) =>
    setModules((old) => old.map((x, k) => (k === m ? { ...x, moduleName: name } : x)));

  return (
    <div className="outline" data-testid="outline-editor">
      <p className="visually-hidden" role="status" aria-live="polite">
        {live}
      </p>
      {save.isError && (
        <Alert testId="outline-error">
          {errorMessage(save.error)}
          {(save.error as { code?: string }).code === 'OUTLINE_MISMATCH' &&
            ' The lessons changed meanwhile: reload the page and order them again.'}
        </Alert>
      )}
      {modules.map((mod, m) => (
        <fieldset key={m} className="outline__module">
          <legend>Module {m + 1}</legend>
          <Field label={`Name of module ${m + 1}`} value={mod.moduleName} onChange={(e) => rename(m, e.target.value)} />
          {mod.lessonIds.length === 0 && <p className="small muted">No lesson: this module is left out when saved.</p>}
          <ol className="outline__lessons">
            {mod.lessonIds.map((lid, i) => (
              <li key={lid} className="outline__lesson" data-testid="outline-lesson">
                <span className="outline__title">
                  {i + 1}. {title.get(lid)}
                </span>
                <span className="outline__buttons">
                  <button
                    type="button"
                    className="btn btn--ghost btn--sm"
                    onClick={() => move(m, i, -1)}
                    disabled={i === 0}
                    aria-label={`Move ${title.get(lid)} up`}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="btn btn--ghost btn--sm"
                    onClick={() => move(m, i, 1)}
                    disabled={i === mod.lessonIds.length - 1}
                    aria-label={`Move ${title.get(lid)} down`}
                  >
                    ↓
                  </button>
                  {modules.length > 1 && (
                    <select
                      className="select-sm"
                      aria-label={`Move ${title.get(lid)} to module`}
                      value={m}
                      onChange={(e) => moveTo(m, i, Number(e.target.value))}
                    >
                      {modules.map((x, k) => (
                        <option key={k} value={k}>
                          {k + 1}. {x.moduleName}
                        </option>
                      ))}
                    </select>
                  )}
                </span>
              </li>
            ))}
          </ol>
        </fieldset>
      ))}
      <div className="form-actions">
        <button
          type="button"
          className="btn btn--ghost"
          onClick={() => setModules((old) => [...old, { moduleName: `Module ${old.length + 1}`, lessonIds: [] }])}
        >
          Add a module
        </button>
        <button type="button" className="btn btn--ghost" onClick={onDone}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => save.mutate()}
          disabled={save.isPending}
          data-testid="save-outline"
        >
          {save.isPending ? 'Saving…' : 'Save the outline'}
        </button>
      </div>
    </div>
  );
}

export function LessonsEditor({ courseId, lessons }: { courseId: string; lessons: AdminLesson[] }) {
  const qc = useQueryClient();
  const [editing, setEditing] = useState<AdminLesson | 'new' | null>(null);
  const [deleting, setDeleting] = useState<AdminLesson | null>(null);
  const [outline, setOutline] = useState(false);
  const remove = useMutation({
    mutationFn: (id: string) => adminApi.deleteLesson(id),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: adminKeys.course(courseId) });
      setDeleting(null);
    },
  });
  const modules = modulesOf(lessons);
  const byId = new Map(lessons.map((l) => [l.id, l]));

  return (
    <section aria-labelledby="lessons-title" className="section--tight">
      <div className="staff-head">
        <h2 id="lessons-title" className="h-small">
          Lessons ({lessons.length})
        </h2>
        <div className="staff-head__actions">
          {lessons.length > 1 && !outline && (
            <button type="button" className="btn btn--ghost btn--sm" onClick={() => setOutline(true)} data-testid="edit-outline">
              Reorder and rename modules
            </button>
          )}
          <button type="button" className="btn btn--primary btn--sm" onClick={() => setEditing('new')} data-testid="add-lesson">
            Add a lesson
          </button>
        </div>
      </div>
      {outline ? (
        <OutlineEditor courseId={courseId} lessons={lessons} onDone={() => setOutline(false)} />
      ) : lessons.length === 0 ? (
        <p className="muted">No lessons yet.</p>
      ) : (
        modules.map((mod, m) => (
          <div key={m} className="staff-module">
            <h3 className="staff-module__name">
              Module {m + 1} · {mod.moduleName}
            </h3>
            <ul className="staff-lessons">
              {mod.lessonIds.map((lid) => {
                const l = byId.get(lid)!;
                return (
                  <li key={lid} className="staff-lesson" data-testid="admin-lesson">
                    <div className="staff-lesson__head">
                      <span className="staff-lesson__title">
                        {l.lessonNumber}. {l.title}
                      </span>
                      <StatusPill status={l.status} />
                      {l.preview && <span className="tag tag--preview">Preview</span>}
                      <span className="small muted">
                        Video: {l.video ? l.video.status : 'none'}
                      </span>
                      <span className="staff-lesson__actions">
                        <button
                          type="button"
                          className="btn btn--ghost btn--sm"
                          onClick={() => setEditing(l)}
                          aria-label={`Edit ${l.title}`}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          className="btn btn--ghost btn--sm"
                          onClick={() => setDeleting(l)}
                          aria-label={`Delete ${l.title}`}
                        >
                          Delete
                        </button>
                      </span>
                    </div>
                    <details className="staff-lesson__video">
                      <summary>Upload the video of “{l.title}”</summary>
                      <UploadBox
                        ownerType="lesson"
                        ownerId={l.id}
                        kind="video"
                        label={`Video file for ${l.title}`}
                        accept="video/*"
                      />
                    </details>
                  </li>
                );
              })}
            </ul>
          </div>
        ))
      )}
      <Dialog
        open={editing !== null}
        title={editing === 'new' ? 'Add a lesson' : 'Edit the lesson'}
        onClose={() => setEditing(null)}
        testId="lesson-dialog"
      >
        {editing !== null && (
          <LessonForm
            key={editing === 'new' ? 'new' : editing.id}
            courseId={courseId}
            lesson={editing === 'new' ? undefined : editing}
            lessons={lessons}
            onDone={() => setEditing(null)}
          />
        )}
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this lesson?"
        confirmLabel="Delete lesson"
        busy={remove.isPending}
        error={remove.isError ? <Alert>{errorMessage(remove.error)}</Alert> : undefined}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      >
        <p>“{deleting?.title}” leaves the course. Learners’ progress on it is kept.</p>
      </ConfirmDialog>
    </section>
  );
}
