import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../api';
import { useCart } from '../cart';
import { CartNotice } from './CartNotice';
import { useLogout, useMe } from '../queries';

function Logo() {
  return (
    <Link to="/" className="logo" aria-label="Infinite Studio home">
      <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
        <path
          d="M9 10c-3.3 0-6 2.7-6 6s2.7 6 6 6c4.5 0 9.5-12 14-12 3.3 0 6 2.7 6 6s-2.7 6-6 6c-4.5 0-9.5-12-14-12z"
          fill="none"
          stroke="currentColor"
          strokeWidth="2.6"
          strokeLinecap="round"
        />
      </svg>
      <span>
        INFINITE <strong>STUDIO</strong>
      </span>
    </Link>
  );
}

/**
 * Move focus to the page's h1 once it is rendered (pages show a skeleton
 * while they load). Gives up after a few seconds; returns the cleanup.
 */
function focusHeadingWhenShown(): () => void {
  const main = document.getElementById('main');
  if (!main) return () => {};
  const tryFocus = () => {
    const heading = main.querySelector<HTMLElement>('h1');
    if (!heading) return false;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
    return true;
  };
  if (tryFocus()) return () => {};
  const observer = new MutationObserver(() => {
    if (tryFocus()) stop();
  });
  const timer = window.setTimeout(() => stop(), 5000);
  const stop = () => {
    observer.disconnect();
    window.clearTimeout(timer);
  };
  observer.observe(main, { childList: true, subtree: true });
  return stop;
}

export function Layout() {
  const me = useMe();
  const cart = useCart();
  const navigate = useNavigate();
  const logout = useLogout(() => navigate('/', { replace: true }));
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);

  const firstPath = useRef(location.pathname);
  useEffect(() => {
    setMenuOpen(false);
    window.scrollTo(0, 0);
    // After a client-side navigation, a screen reader starts at the new page's heading.
    if (location.pathname !== firstPath.current) return focusHeadingWhenShown();
  }, [location.pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setMenuOpen(false);
        toggleRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  const user = me.data;
  const onLogout = () => logout.mutate();

  const navClass = ({ isActive }: { isActive: boolean }) => 'nav__link' + (isActive ? ' is-active' : '');

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Logo />
          {/* On a phone the nav folds into the menu: the cart stays in sight. */}
          <Link to="/cart" className="header-cart" data-testid="header-cart">
            Cart
            <span className="nav__count">{cart.count}</span>
            <span className="visually-hidden">{cart.count === 1 ? ' item' : ' items'}</span>
          </Link>
          <button
            ref={toggleRef}
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="site-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            <span className="visually-hidden">Menu</span>
            <span className="menu-toggle__bars" aria-hidden="true" />
          </button>
          <nav id="site-nav" className={'nav' + (menuOpen ? ' is-open' : '')} aria-label="Main">
            <NavLink to="/" end className={navClass}>
              Courses
            </NavLink>
            <NavLink to="/assets" className={navClass}>
              Asset store
            </NavLink>
            {user && (
              <NavLink to="/dashboard" className={navClass}>
                Dashboard
              </NavLink>
            )}
            {(user?.role === 'instructor' || user?.role === 'admin') && (
              <NavLink to="/admin" className={navClass} data-testid="nav-staff">
                Staff
              </NavLink>
            )}
            <NavLink to="/cart" className={navClass} data-testid="nav-cart">
              Cart
              <span className="nav__count" data-testid="cart-count">
                {cart.count}
              </span>
              <span className="visually-hidden">{cart.count === 1 ? ' item' : ' items'}</span>
            </NavLink>
            <span className="nav__divider" aria-hidden="true" />
            {me.isPending ? (
              <span className="nav__placeholder" aria-hidden="true" />
            ) : user ? (
              <>
                <NavLink to="/profile" className={navClass} data-testid="nav-profile">
                  <span className="avatar" aria-hidden="true">
                    {user.username.slice(0, 1).toUpperCase()}
                  </span>
                  {user.username}
                </NavLink>
                <button
                  type="button"
                  className="btn btn--ghost btn--sm"
                  onClick={onLogout}
                  disabled={logout.isPending}
                  data-testid="logout-button"
                >
                  {logout.isPending ? 'Logging out…' : 'Log out'}
                </button>
              </>
            ) : (
              <>
                <NavLink to="/login" className={navClass}>
                  Log in
                </NavLink>
                <Link to="/register" className="btn btn--primary btn--sm">
                  Sign up
                </Link>
              </>
            )}
          </nav>
        </div>
        {logout.isError && (
          <p className="container header-error" role="alert">
            {errorMessage(logout.error)}
          </p>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <CartNotice />
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container site-footer__inner">
          <Logo />
          <p>Learn to direct films with Gemini, Nano Banana and Veo.</p>
          <nav aria-label="Footer" className="site-footer__nav">
            <Link to="/">Courses</Link>
            <Link to="/assets">Asset store</Link>
            <Link to="/dashboard">Dashboard</Link>
          </nav>
        </div>
      </footer>
    </div>
  );
}
