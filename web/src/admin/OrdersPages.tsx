import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../api';
import { Field } from '../components/Field';
import { Alert, EmptyState, ErrorState, LoadingBlock } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatDateTime, formatMoney, shortId } from '../format';
import * as adminApi from './api';
import type { AdminOrder, ItemRef } from './types';
import { adminKeys, Dialog, StatusPill, TextAreaField, useItemTitles } from './ui';

const REFUND_ERRORS: Record<string, string> = {
  ORDER_NOT_FOUND: 'This order does not exist (any more).',
  ITEM_NOT_IN_ORDER: 'One of the chosen items is not in this order.',
  ALREADY_REFUNDED: 'One of the chosen items has already been refunded.',
};

export function OrderRow({ order }: { order: AdminOrder }) {
  const title = useItemTitles();
  return (
    <li className="order" data-testid="admin-order-row">
      <div className="order__head">
        <Link to={`/admin/orders/${order.id}`} className="order__id">
          Order {shortId(order.id)}
        </Link>
        <StatusPill status={order.status} />
        <span className="small muted">{formatDateTime(order.createdAt)}</span>
        <strong className="order__total">{formatMoney(order.totalAmount)}</strong>
      </div>
      <ul className="order__items">
        {order.items.map((i) => (
          <li key={i.id}>
            <span className="order__type">{i.itemType}</span>
            <span className="order__title">
              {title(i.itemType, i.itemId)}
              {i.refunded && <span className="small muted"> (refunded)</span>}
            </span>
            <span>{formatMoney(i.price)}</span>
          </li>
        ))}
      </ul>
    </li>
  );
}

export function OrdersAdminPage() {
  useDocumentTitle('Staff · Orders');
  const [params] = useSearchParams();
  const userId = params.get('userId') ?? '';
  const email = params.get('email') ?? '';
  const navigate = useNavigate();
  const [orderId, setOrderId] = useState('');
  const orders = useQuery({
    queryKey: adminKeys.orders(userId),
    queryFn: () => adminApi.fetchOrders(userId),
    enabled: !!userId,
  });
  const find = (e: FormEvent) => {
    e.preventDefault();
    const id = orderId.trim();
    if (id) navigate(`/admin/orders/${encodeURIComponent(id)}`);
  };
  return (
    <>
      <header className="page-head">
        <p className="eyebrow">Staff / Orders</p>
        <h1>Orders</h1>
        <p className="muted">
          Find an order by its id, or a buyer’s orders from their page in <Link to="/admin/learners">Learners</Link>.
        </p>
      </header>
      <form className="inline-form" onSubmit={find} role="search" aria-label="Find an order">
        <Field label="Order id" value={orderId} onChange={(e) => setOrderId(e.target.value)} placeholder="the order's UUID" />
        <button type="submit" className="btn btn--primary" disabled={!orderId.trim()}>
          Find the order
        </button>
      </form>
      {userId && (
        <section aria-labelledby="user-orders" className="section--tight">
          <h2 id="user-orders" className="h-small">
            Orders of {email || 'user ' + shortId(userId)}
          </h2>
          {orders.isPending ? (
            <LoadingBlock lines={3} label="Loading the orders…" />
          ) : orders.isError ? (
            <ErrorState error={orders.error} title="Could not load the orders" onRetry={() => orders.refetch()} />
          ) : orders.data.length === 0 ? (
            <EmptyState title="No orders" />
          ) : (
            <ul className="orders">
              {orders.data.map((o) => (
                <OrderRow key={o.id} order={o} />
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}

function RefundDialog({ order, open, onClose }: { order: AdminOrder; open: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const title = useItemTitles();
  const open_ = order.items.filter((i) => !i.refunded);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(open_.map((i) => i.id)));
  const [reason, setReason] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const refund = useMutation({
    mutationFn: () => {
      const items: ItemRef[] = open_
        .filter((i) => chosen.has(i.id))
        .map((i) => ({ itemType: i.itemType, itemId: i.itemId }));
      return adminApi.refundOrder(order.id, { items, reason: reason.trim() });
    },
    onSuccess: (res) => {
      qc.setQueryData(adminKeys.order(order.id), res.order);
      qc.invalidateQueries({ queryKey: ['admin', 'orders'] });
      qc.invalidateQueries({ queryKey: ['admin', 'sales'] });
      onClose();
    },
  });
  const err = refund.error;
  const fields = err instanceof ApiError ? err.fieldErrors : {};
  const message =
    err instanceof ApiError ? (REFUND_ERRORS[err.code] ?? errorMessage(err)) : err ? errorMessage(err) : '';
  const reasonError = fields.reason ?? (reason.length > 500 ? 'At most 500 characters.' : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    refund.mutate();
  };
  return (
    <Dialog open={open} title="Refund the order" onClose={onClose} testId="refund-dialog">
      <form ref={form} onSubmit={submit} noValidate>
        <fieldset className="check-list">
          <legend>Items to refund</legend>
          {open_.map((i) => (
            <label key={i.id} className="check-list__item">
              <input
                type="checkbox"
                checked={chosen.has(i.id)}
                onChange={(e) =>
                  setChosen((old) => {
                    const next = new Set(old);
                    if (e.target.checked) next.add(i.id);
                    else next.delete(i.id);
                    return next;
                  })
                }
              />
              {title(i.itemType, i.itemId)} · {formatMoney(i.price)}
            </label>
          ))}
        </fieldset>
        <TextAreaField
          label="Reason (sent to the buyer)"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={reasonError}
          rows={3}
          maxLength={500}
          required
        />
        {message && !fields.reason && <Alert testId="refund-error">{message}</Alert>}
        <div className="dialog__actions">
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="btn btn--danger"
            disabled={refund.isPending || chosen.size === 0 || !reason.trim() || reason.length > 500}
            data-testid="confirm-refund"
          >
            {refund.isPending ? 'Refunding…' : `Refund ${chosen.size} item${chosen.size === 1 ? '' : 's'}`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function OrderAdminPage() {
  const { id = '' } = useParams();
  useDocumentTitle('Staff · Order ' + shortId(id));
  const title = useItemTitles();
  const [refunding, setRefunding] = useState(false);
  const order = useQuery({ queryKey: adminKeys.order(id), queryFn: () => adminApi.fetchOrder(id) });
  if (order.isPending) return <LoadingBlock lines={6} label="Loading the order…" />;
  if (order.isError)
    return (
      <>
        <h1>Order {shortId(id)}</h1>
        <ErrorState error={order.error} title="Could not load the order" onRetry={() => order.refetch()} />
      </>
    );
  const o = order.data;
  const refundable = o.items.some((i) => !i.refunded);
  return (
    <>
      <header className="page-head staff-head">
        <div>
          <p className="eyebrow">
            <Link to="/admin/orders">Orders</Link> / {shortId(o.id)}
          </p>
          <h1>
            Order {shortId(o.id)} <StatusPill status={o.status} />
          </h1>
          <p className="muted small">
            {formatDateTime(o.createdAt)} · <Link to={`/admin/orders?userId=${encodeURIComponent(o.userId)}`}>the buyer’s orders</Link>
          </p>
        </div>
        <div className="staff-head__actions">
          <button
            type="button"
            className="btn btn--danger"
            onClick={() => setRefunding(true)}
            disabled={!refundable}
            data-testid="refund-button"
          >
            Refund…
          </button>
        </div>
      </header>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Items of the order">
        <table className="table" data-testid="order-items">
          <caption className="visually-hidden">Items of the order</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Type</th>
              <th scope="col">Paid</th>
              <th scope="col">Refund</th>
            </tr>
          </thead>
          <tbody>
            {o.items.map((i) => (
              <tr key={i.id}>
                <td>{title(i.itemType, i.itemId)}</td>
                <td>{i.itemType}</td>
                <td>{formatMoney(i.price)}</td>
                <td>{i.refunded ? <StatusPill status="refunded" /> : <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="totals">
        {o.couponCode && (
          <>
            <dt>Coupon</dt>
            <dd>{o.couponCode}</dd>
          </>
        )}
        {o.discount && o.discount !== '0.00' && (
          <>
            <dt>Discount</dt>
            <dd>−{formatMoney(o.discount)}</dd>
          </>
        )}
        <dt>Total paid</dt>
        <dd>
          <strong>{formatMoney(o.totalAmount)}</strong>
        </dd>
      </dl>
      <section aria-labelledby="refunds-title" className="section--tight">
        <h2 id="refunds-title" className="h-small">
          Refunds
        </h2>
        {(o.refunds ?? []).length === 0 ? (
          <p className="muted">No refund.</p>
        ) : (
          <ul className="orders" data-testid="refunds">
            {o.refunds.map((r) => (
              <li key={r.id} className="order">
                <div className="order__head">
                  <strong>{formatMoney(r.amount)}</strong>
                  <span className="small muted">{formatDateTime(r.createdAt)}</span>
                </div>
                <p className="small">“{r.reason}”</p>
                <ul className="order__items">
                  {r.items.map((i) => (
                    <li key={i.itemType + i.itemId}>
                      <span className="order__type">{i.itemType}</span>
                      <span className="order__title">{title(i.itemType, i.itemId)}</span>
                      <span>{formatMoney(i.price)}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
      {refunding && <RefundDialog order={o} open={refunding} onClose={() => setRefunding(false)} />}
    </>
  );
}
