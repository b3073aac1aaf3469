import { Suspense } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { RequireAuth } from '../components/RequireAuth';
import { LoadingBlock } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useMe } from '../queries';
import { isAdmin, isStaff } from './ui';
import './admin.css';

const STAFF_LINKS = [
  { to: '/admin/courses', label: 'Courses' },
  { to: '/admin/assets', label: 'Assets' },
];
const ADMIN_LINKS = [
  { to: '/admin/orders', label: 'Orders' },
  { to: '/admin/coupons', label: 'Coupons' },
  { to: '/admin/sales', label: 'Sales' },
  { to: '/admin/learners', label: 'Learners' },
];
// Pages only an admin may open (an instructor sees the not-allowed page there).
const ADMIN_ONLY = /^\/admin\/(orders|coupons|sales|learners)(\/|$)/;

function NotAllowed({ admins }: { admins?: boolean }) {
  useDocumentTitle('Not allowed');
  return (
    <div className={admins ? '' : 'container page page--narrow'} data-testid="not-allowed">
      <div className="state state--error">
        <p className="state__icon" aria-hidden="true">
          <svg viewBox="0 0 24 24" width="36" height="36" focusable="false">
            <rect x="5" y="10.5" width="14" height="10" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
            <path d="M8 10.5V8a4 4 0 0 1 8 0v2.5" fill="none" stroke="currentColor" strokeWidth="2" />
          </svg>
        </p>
        <h1 className="state__title">Not allowed</h1>
        <p className="state__text">
          {admins
            ? 'This part of the staff area is for admins only.'
            : 'The staff area is for the studio’s instructors and admins. Your account is a learner’s.'}
        </p>
        <Link className="btn btn--primary" to={admins ? '/admin' : '/dashboard'}>
          {admins ? 'Back to the staff area' : 'Go to your dashboard'}
        </Link>
      </div>
    </div>
  );
}

function StaffShell() {
  const me = useMe();
  const location = useLocation();
  const user = me.data;
  if (!isStaff(user)) return <NotAllowed />;
  const links = isAdmin(user) ? [...STAFF_LINKS, ...ADMIN_LINKS] : STAFF_LINKS;
  const navClass = ({ isActive }: { isActive: boolean }) => 'staff-nav__link' + (isActive ? ' is-active' : '');
  return (
    <div className="container page staff">
      <aside className="staff__side">
        <p className="eyebrow">
          Staff · <span data-testid="staff-role">{user!.role}</span>
        </p>
        <nav aria-label="Staff" className="staff-nav" data-testid="staff-nav">
          <NavLink to="/admin" end className={navClass}>
            Overview
          </NavLink>
          {links.map((l) => (
            <NavLink key={l.to} to={l.to} className={navClass}>
              {l.label}
            </NavLink>
          ))}
        </nav>
      </aside>
      <div className="staff__main">
        {!isAdmin(user) && ADMIN_ONLY.test(location.pathname) ? (
          <NotAllowed admins />
        ) : (
          <Suspense fallback={<LoadingBlock lines={6} label="Loading…" />}>
            <Outlet />
          </Suspense>
        )}
      </div>
    </div>
  );
}

export default function AdminLayout() {
  return (
    <RequireAuth>
      <StaffShell />
    </RequireAuth>
  );
}

export function AdminHome() {
  const me = useMe();
  useDocumentTitle('Staff');
  const admin = isAdmin(me.data);
  const cards = [
    { to: '/admin/courses', title: 'Courses', text: 'Write courses and lessons, order the outline, upload videos, publish.' },
    { to: '/admin/assets', title: 'Assets', text: 'The asset store’s items: their packs, previews and prices.' },
    ...(admin
      ? [
          { to: '/admin/orders', title: 'Orders', text: 'Find an order, see its items and refunds, refund it.' },
          { to: '/admin/coupons', title: 'Coupons', text: 'Percentage or fixed discounts with limits and an expiry.' },
          { to: '/admin/sales', title: 'Sales', text: 'Revenue, orders, refunds and completion over a period.' },
          { to: '/admin/learners', title: 'Learners', text: 'Look a learner up: role, sessions, orders and progress.' },
        ]
      : []),
  ];
  return (
    <>
      <header className="page-head">
        <p className="eyebrow">Staff</p>
        <h1>Staff area</h1>
        <p className="muted">Signed in as {me.data?.email}.</p>
      </header>
      <ul className="staff-cards">
        {cards.map((c) => (
          <li key={c.to} className="staff-card">
            <h2 className="staff-card__title">
              <Link to={c.to}>{c.title}</Link>
            </h2>
            <p className="muted small">{c.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
