import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage, isApiError } from '../api';
import { Field } from '../components/Field';
import { ProgressBar } from '../components/ProgressBar';
import { Alert, EmptyState, ErrorState, LoadingBlock } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatDate, formatDateTime } from '../format';
import { useMe } from '../queries';
import * as adminApi from './api';
import { OrderRow } from './OrdersPages';
import type { LearnerLookup, Role } from './types';
import { adminKeys, ConfirmDialog, SelectField, StatusPill } from './ui';

function RoleForm({ learner }: { learner: LearnerLookup }) {
  const qc = useQueryClient();
  const me = useMe();
  const [role, setRole] = useState<Role>(learner.user.role);
  useEffect(() => setRole(learner.user.role), [learner.user.role]);
  const save = useMutation({
    mutationFn: () => adminApi.setRole(learner.user.id, role),
    onSuccess: (user) => {
      qc.setQueryData<LearnerLookup>(adminKeys.learner(user.email), (old) => old && { ...old, user });
      // Changing one's own role changes what this app shows.
      if (user.id === me.data?.id) qc.setQueryData(['me'], user);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} className="inline-form" data-testid="role-form">
      <SelectField
        label="Role"
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
        error={isApiError(save.error, 409) ? save.error.message : undefined}
      >
        <option value="learner">Learner</option>
        <option value="instructor">Instructor</option>
        <option value="admin">Admin</option>
      </SelectField>
      <button type="submit" className="btn btn--primary" disabled={save.isPending || role === learner.user.role} data-testid="save-role">
        {save.isPending ? 'Saving…' : 'Change role'}
      </button>
      {save.isError && !isApiError(save.error, 409) && <Alert>{errorMessage(save.error)}</Alert>}
      {save.isSuccess && (
        <p className="small muted" role="status" data-testid="role-saved">
          Now {save.data.role}.
        </p>
      )}
    </form>
  );
}

function Sessions({ learner }: { learner: LearnerLookup }) {
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const end = useMutation({
    mutationFn: () => adminApi.endSessions(learner.user.id),
    onSuccess: () => {
      qc.setQueryData<LearnerLookup>(adminKeys.learner(learner.user.email), (old) => old && { ...old, sessions: 0 });
      setConfirming(false);
    },
  });
  return (
    <div className="inline-form">
      <p data-testid="learner-sessions">
        <strong>{learner.sessions}</strong> live session{learner.sessions === 1 ? '' : 's'}
      </p>
      <button
        type="button"
        className="btn btn--ghost btn--sm"
        onClick={() => setConfirming(true)}
        disabled={learner.sessions === 0}
        data-testid="end-sessions"
      >
        End all sessions
      </button>
      {end.isSuccess && (
        <p className="small muted" role="status">
          {end.data.ended} session{end.data.ended === 1 ? '' : 's'} ended.
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title="End every session?"
        confirmLabel="End sessions"
        busy={end.isPending}
        error={end.isError ? <Alert>{errorMessage(end.error)}</Alert> : undefined}
        onConfirm={() => end.mutate()}
        onClose={() => setConfirming(false)}
      >
        <p>{learner.user.email} will have to log in again on every device.</p>
      </ConfirmDialog>
    </div>
  );
}

function LearnerOrders({ userId, email }: { userId: string; email: string }) {
  const orders = useQuery({ queryKey: adminKeys.orders(userId), queryFn: () => adminApi.fetchOrders(userId) });
  if (orders.isPending) return <LoadingBlock lines={3} label="Loading the orders…" />;
  if (orders.isError)
    return <ErrorState error={orders.error} title="Could not load the orders" onRetry={() => orders.refetch()} />;
  if (orders.data.length === 0) return <p className="muted">No orders.</p>;
  return (
    <>
      <ul className="orders" data-testid="learner-orders">
        {orders.data.map((o) => (
          <OrderRow key={o.id} order={o} />
        ))}
      </ul>
      <p className="small section-link">
        <Link to={`/admin/orders?userId=${encodeURIComponent(userId)}&email=${encodeURIComponent(email)}`}>
          Open in Orders
        </Link>
      </p>
    </>
  );
}

function LearnerEnrollments({ userId }: { userId: string }) {
  const list = useQuery({
    queryKey: adminKeys.learnerEnrollments(userId),
    queryFn: () => adminApi.fetchLearnerEnrollments(userId),
  });
  if (list.isPending) return <LoadingBlock lines={3} label="Loading the enrollments…" />;
  if (list.isError)
    return <ErrorState error={list.error} title="Could not load the enrollments" onRetry={() => list.refetch()} />;
  if (list.data.length === 0) return <p className="muted">No enrollments.</p>;
  return (
    <ul className="staff-enrollments" data-testid="learner-enrollments">
      {list.data.map((e) => (
        <li key={e.id} className="order">
          <div className="order__head">
            <strong>{e.course?.title ?? e.courseId}</strong>
            {e.revokedAt ? <StatusPill status="revoked" /> : <StatusPill status="active" />}
            <span className="small muted">
              since {formatDate(e.enrolledAt)}
              {e.revokedAt && ` · revoked ${formatDate(e.revokedAt)}`}
            </span>
          </div>
          <ProgressBar
            value={e.progress.percentage}
            label={`Progress in ${e.course?.title ?? 'the course'}`}
            detail={`${e.progress.completed} of ${e.progress.total} lessons`}
          />
        </li>
      ))}
    </ul>
  );
}

export function LearnersPage() {
  useDocumentTitle('Staff · Learners');
  const [params, setParams] = useSearchParams();
  const email = params.get('email') ?? '';
  const [input, setInput] = useState(email);
  const learner = useQuery({
    queryKey: adminKeys.learner(email),
    queryFn: () => adminApi.findLearner(email),
    enabled: !!email,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = input.trim();
    if (value) setParams({ email: value });
  };
  const user = learner.data?.user;
  return (
    <>
      <header className="page-head">
        <p className="eyebrow">Staff / Learners</p>
        <h1>Learners</h1>
      </header>
      <form className="inline-form" onSubmit={submit} role="search" aria-label="Find a learner">
        <Field
          label="Email"
          type="email"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          autoComplete="off"
          data-testid="learner-email"
        />
        <button type="submit" className="btn btn--primary" disabled={!input.trim()} data-testid="find-learner">
          Look up
        </button>
      </form>
      {!email ? null : learner.isPending ? (
        <LoadingBlock lines={4} label="Looking the learner up…" />
      ) : learner.isError ? (
        isApiError(learner.error, 404) ? (
          <EmptyState title="No account with this email">Check the address and try again.</EmptyState>
        ) : (
          <ErrorState error={learner.error} title="Could not look the learner up" onRetry={() => learner.refetch()} />
        )
      ) : (
        <div className="learner" data-testid="learner">
          <section aria-labelledby="learner-title" className="staff-box">
            <h2 id="learner-title" className="learner__name">
              {user!.username}
            </h2>
            <p className="muted">
              {user!.email} · account since {formatDateTime(user!.createdAt)} · <StatusPill status={user!.role} />
            </p>
            <RoleForm learner={learner.data} />
            <Sessions learner={learner.data} />
          </section>
          <section aria-labelledby="learner-orders" className="section--tight">
            <h2 id="learner-orders" className="h-small">
              Orders
            </h2>
            <LearnerOrders userId={user!.id} email={user!.email} />
          </section>
          <section aria-labelledby="learner-enrollments" className="section--tight">
            <h2 id="learner-enrollments" className="h-small">
              Enrollments and progress
            </h2>
            <LearnerEnrollments userId={user!.id} />
          </section>
        </div>
      )}
    </>
  );
}
