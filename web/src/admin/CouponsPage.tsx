import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../api';
import { Field } from '../components/Field';
import { Alert, EmptyState, ErrorState, LoadingBlock } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useFocusFirstError } from '../components/useFocusFirstError';
import { formatDateTime, formatMoney } from '../format';
import { useAssets, useCourses } from '../queries';
import * as adminApi from './api';
import type { Coupon, CouponInput, CouponKind, ItemRef } from './types';
import { adminKeys, CheckboxField, ConfirmDialog, formErrors, SelectField, StatusPill, useItemTitles } from './ui';

const describe = (c: Coupon) => (c.kind === 'percent' ? `${c.value}% off` : `${formatMoney(c.value)} off`);

function CouponForm() {
  const qc = useQueryClient();
  const courses = useCourses();
  const assets = useAssets();
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<CouponKind>('percent');
  const [value, setValue] = useState('');
  const [expires, setExpires] = useState('');
  const [maxRedemptions, setMaxRedemptions] = useState('');
  const [maxPerUser, setMaxPerUser] = useState('1');
  const [restricted, setRestricted] = useState(false);
  const [items, setItems] = useState<Set<string>>(new Set());
  const form = useRef<HTMLFormElement>(null);
  const create = useMutation({
    mutationFn: (input: CouponInput) => adminApi.createCoupon(input),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: adminKeys.coupons });
      setCode('');
      setValue('');
      setExpires('');
      setMaxRedemptions('');
      setItems(new Set());
      setRestricted(false);
    },
  });
  useFocusFirstError(form, create.error);
  const errs = formErrors(create.error, { COUPON_CODE_TAKEN: 'code' });
  const toggle = (key: string, on: boolean) =>
    setItems((old) => {
      const next = new Set(old);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const picked: ItemRef[] = [...items].map((k) => {
      const [itemType, itemId] = k.split(':');
      return { itemType: itemType as ItemRef['itemType'], itemId };
    });
    create.mutate({
      code: code.trim().toUpperCase(),
      kind,
      value: value.trim(),
      // datetime-local is the admin's local time; the API takes an ISO instant.
      expiresAt: expires ? new Date(expires).toISOString() : null,
      maxRedemptions: maxRedemptions.trim() ? Number(maxRedemptions) : null,
      maxPerUser: maxPerUser.trim() ? Number(maxPerUser) : null,
      items: restricted ? picked : null,
    });
  };
  return (
    <form ref={form} onSubmit={submit} noValidate className="staff-box" data-testid="coupon-form">
      <h2 className="h-small">New coupon</h2>
      {create.isError && Object.keys(errs).length === 0 && <Alert>{errorMessage(create.error)}</Alert>}
      {create.isSuccess && (
        <Alert kind="success" testId="coupon-created">
          Coupon {create.data.code} created.
        </Alert>
      )}
      <div className="form-grid">
        <Field
          label="Code"
          value={code}
          onChange={(e) => setCode(e.target.value.toUpperCase())}
          error={errs.code}
          hint="3 to 32 characters: A–Z, 0–9, - and _."
          maxLength={32}
          required
        />
        <SelectField label="Kind" value={kind} onChange={(e) => setKind(e.target.value as CouponKind)} error={errs.kind}>
          <option value="percent">Percentage off</option>
          <option value="fixed">Fixed amount off</option>
        </SelectField>
        <Field
          label={kind === 'percent' ? 'Percent off' : 'Amount off (USD)'}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={errs.value}
          inputMode="decimal"
          placeholder={kind === 'percent' ? '20' : '10.00'}
          hint={kind === 'percent' ? 'A whole number from 1 to 100.' : 'With two decimals, e.g. 10.00.'}
          required
        />
        <Field
          label="Expires (optional)"
          type="datetime-local"
          value={expires}
          onChange={(e) => setExpires(e.target.value)}
          error={errs.expiresAt}
        />
        <Field
          label="Redemptions in total (optional)"
          type="number"
          min={1}
          value={maxRedemptions}
          onChange={(e) => setMaxRedemptions(e.target.value)}
          error={errs.maxRedemptions}
          hint="Empty: no limit."
        />
        <Field
          label="Redemptions per learner"
          type="number"
          min={1}
          value={maxPerUser}
          onChange={(e) => setMaxPerUser(e.target.value)}
          error={errs.maxPerUser}
          hint="Empty: no limit."
        />
      </div>
      <CheckboxField label="Only for some courses and assets" checked={restricted} onChange={setRestricted} error={errs.items} />
      {restricted && (
        <fieldset className="check-list check-list--columns">
          <legend>Items the coupon applies to</legend>
          {(courses.data ?? []).map((c) => (
            <label key={c.id} className="check-list__item">
              <input
                type="checkbox"
                checked={items.has('course:' + c.id)}
                onChange={(e) => toggle('course:' + c.id, e.target.checked)}
              />
              Course: {c.title}
            </label>
          ))}
          {(assets.data ?? []).map((a) => (
            <label key={a.id} className="check-list__item">
              <input
                type="checkbox"
                checked={items.has('asset:' + a.id)}
                onChange={(e) => toggle('asset:' + a.id, e.target.checked)}
              />
              Asset: {a.title}
            </label>
          ))}
        </fieldset>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={create.isPending} data-testid="create-coupon">
          {create.isPending ? 'Creating…' : 'Create coupon'}
        </button>
      </div>
    </form>
  );
}

export function CouponsPage() {
  useDocumentTitle('Staff · Coupons');
  const qc = useQueryClient();
  const title = useItemTitles();
  const coupons = useQuery({ queryKey: adminKeys.coupons, queryFn: adminApi.fetchCoupons });
  const [ending, setEnding] = useState<Coupon | null>(null);
  const deactivate = useMutation({
    mutationFn: (id: string) => adminApi.deactivateCoupon(id),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: adminKeys.coupons });
      setEnding(null);
    },
  });
  return (
    <>
      <header className="page-head">
        <p className="eyebrow">Staff / Coupons</p>
        <h1>Coupons</h1>
      </header>
      <CouponForm />
      <section aria-labelledby="coupons-title" className="section--tight">
        <h2 id="coupons-title" className="h-small">
          All coupons
        </h2>
        {coupons.isPending ? (
          <LoadingBlock lines={4} label="Loading the coupons…" />
        ) : coupons.isError ? (
          <ErrorState error={coupons.error} title="Could not load the coupons" onRetry={() => coupons.refetch()} />
        ) : coupons.data.length === 0 ? (
          <EmptyState title="No coupons yet" />
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Coupons">
            <table className="table" data-testid="coupons">
              <caption className="visually-hidden">Coupons</caption>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Discount</th>
                  <th scope="col">Used</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Applies to</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {coupons.data.map((c) => (
                  <tr key={c.id} data-testid={`coupon-${c.code}`}>
                    <td>
                      <code>{c.code}</code>
                    </td>
                    <td>{describe(c)}</td>
                    <td>
                      {c.redemptions}
                      {c.maxRedemptions != null && ` of ${c.maxRedemptions}`}
                      {c.maxPerUser != null && <div className="small muted">{c.maxPerUser} per learner</div>}
                    </td>
                    <td className="small">{c.expiresAt ? formatDateTime(c.expiresAt) : 'never'}</td>
                    <td className="small">
                      {c.items && c.items.length ? c.items.map((i) => title(i.itemType, i.itemId)).join(', ') : 'everything'}
                    </td>
                    <td>
                      <StatusPill status={c.active ? 'active' : 'inactive'} />
                    </td>
                    <td>
                      {c.active && (
                        <button
                          type="button"
                          className="btn btn--ghost btn--sm"
                          onClick={() => setEnding(c)}
                          aria-label={`Deactivate ${c.code}`}
                        >
                          Deactivate
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <ConfirmDialog
        open={ending !== null}
        title="Deactivate this coupon?"
        confirmLabel="Deactivate"
        busy={deactivate.isPending}
        error={deactivate.isError ? <Alert>{errorMessage(deactivate.error)}</Alert> : undefined}
        onConfirm={() => ending && deactivate.mutate(ending.id)}
        onClose={() => setEnding(null)}
      >
        <p>{ending?.code} can no longer be used. Orders that used it keep their discount.</p>
      </ConfirmDialog>
    </>
  );
}
