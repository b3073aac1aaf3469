/** Pieces the staff pages share: query keys, form fields, a confirm dialog, status pills. */
import {
  useEffect,
  useId,
  useRef,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../api';
import { shortId } from '../format';
import { useAssets, useCourses } from '../queries';
import * as adminApi from './api';
import type { User } from '../api';

export const adminKeys = {
  courses: ['admin', 'courses'] as const,
  course: (id: string) => ['admin', 'course', id] as const,
  assets: ['admin', 'assets'] as const,
  uploads: (ownerType: string, ownerId: string) => ['admin', 'uploads', ownerType, ownerId] as const,
  upload: (id: string) => ['admin', 'upload', id] as const,
  orders: (userId: string) => ['admin', 'orders', userId] as const,
  order: (id: string) => ['admin', 'order', id] as const,
  coupons: ['admin', 'coupons'] as const,
  sales: (from: string, to: string) => ['admin', 'sales', from, to] as const,
  courseStats: ['admin', 'stats', 'courses'] as const,
  learner: (email: string) => ['admin', 'learner', email] as const,
  learnerEnrollments: (id: string) => ['admin', 'learner-enrollments', id] as const,
};

export const isStaff = (user: User | null | undefined) => user?.role === 'instructor' || user?.role === 'admin';
export const isAdmin = (user: User | null | undefined) => user?.role === 'admin';

/**
 * Field messages of an API error for a form: the validation error's fields,
 * plus a conflict code put on the field it is about (409 SLUG_TAKEN on slug…).
 */
export function formErrors(err: unknown, codeFields: Record<string, string> = {}): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out = { ...err.fieldErrors };
  const field = codeFields[err.code];
  if (field) out[field] = err.message;
  return out;
}

function describedBy(id: string, hint?: string, error?: string) {
  return [hint ? id + '-hint' : '', error ? id + '-error' : ''].filter(Boolean).join(' ') || undefined;
}

function FieldFoot({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p className="field__hint" id={id + '-hint'}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={id + '-error'}>
          {error}
        </p>
      )}
    </>
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  ...rest
}: { label: string; error?: string; hint?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className={'field' + (error ? ' field--error' : '')}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      />
      <FieldFoot id={id} hint={hint} error={error} />
    </div>
  );
}

export function SelectField({
  label,
  error,
  hint,
  children,
  ...rest
}: { label: string; error?: string; hint?: string; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className={'field' + (error ? ' field--error' : '')}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      >
        {children}
      </select>
      <FieldFoot id={id} hint={hint} error={error} />
    </div>
  );
}

export function CheckboxField({
  label,
  checked,
  onChange,
  error,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
}) {
  const id = useId();
  return (
    <div className={'field field--check' + (error ? ' field--error' : '')}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? id + '-error' : undefined}
      />
      <label htmlFor={id}>{label}</label>
      <FieldFoot id={id} error={error} />
    </div>
  );
}

export function StatusPill({ status }: { status: string }) {
  const kind =
    status === 'published' || status === 'ready' || status === 'completed' || status === 'active'
      ? 'completed'
      : status === 'failed' || status === 'refunded' || status === 'revoked' || status === 'inactive'
        ? 'failed'
        : 'pending';
  return <span className={'status status--' + kind}>{status.replace(/_/g, ' ')}</span>;
}

/**
 * A modal dialog (the browser's <dialog>: focus is kept inside, Escape
 * closes it, focus goes back to what opened it).
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  testId,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose} data-testid={testId}>
      {open && (
        <>
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          {children}
        </>
      )}
    </dialog>
  );
}

/** Ask before something that cannot be undone from here. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  error?: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog open={open} title={title} onClose={onClose} testId="confirm-dialog">
      <div className="dialog__body">{children}</div>
      {error}
      <div className="dialog__actions">
        <button type="button" className="btn btn--ghost" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="btn btn--danger" onClick={onConfirm} disabled={busy}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

/** "2026-12-01" in UTC, `days` before today. */
export function isoDay(daysAgo = 0): string {
  const d = new Date(Date.now() - daysAgo * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** Titles of courses and assets by "type:id", from the public catalog and the staff lists. */
export function useItemTitles() {
  const courses = useCourses();
  const assets = useAssets();
  const staffCourses = useQuery({ queryKey: adminKeys.courses, queryFn: adminApi.fetchCourses, retry: false });
  const staffAssets = useQuery({ queryKey: adminKeys.assets, queryFn: adminApi.fetchAssets, retry: false });
  const titles = new Map<string, string>();
  for (const c of [...(courses.data ?? []), ...(staffCourses.data ?? [])]) titles.set('course:' + c.id, c.title);
  for (const a of [...(assets.data ?? []), ...(staffAssets.data ?? [])]) titles.set('asset:' + a.id, a.title);
  return (itemType: string, itemId: string) =>
    titles.get(itemType + ':' + itemId) ?? `${itemType === 'course' ? 'Course' : 'Asset'} ${shortId(itemId)}`;
}
