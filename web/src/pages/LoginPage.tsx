import { useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../api';
import { Field } from '../components/Field';
import { safeNext } from '../components/RequireAuth';
import { Alert } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useFocusFirstError } from '../components/useFocusFirstError';
import { useLogin, useMe } from '../queries';

export function LoginPage() {
  useDocumentTitle('Log in');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, login.error);
  if (me.data && !login.isSuccess) return <Navigate to={next} replace />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email: email.trim(), password }, { onSuccess: () => navigate(next, { replace: true }) });
  };
  const fields = login.error instanceof ApiError ? login.error.fieldErrors : {};

  return (
    <div className="container page auth-page">
      <form ref={formRef} className="auth-card" onSubmit={onSubmit} noValidate aria-labelledby="login-title">
        <p className="eyebrow">Welcome back</p>
        <h1 id="login-title">Log in</h1>
        {params.get('next') && !login.isError && (
          <Alert kind="info">Log in to continue where you were.</Alert>
        )}
        {login.isError && <Alert testId="form-error">{errorMessage(login.error)}</Alert>}
        <Field
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fields.email}
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fields.password}
        />
        <p className="auth-card__forgot">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
        <button type="submit" className="btn btn--primary btn--block" disabled={login.isPending}>
          {login.isPending ? 'Logging in…' : 'Log in'}
        </button>
        <p className="auth-card__alt">
          New to the studio?{' '}
          <Link to={'/register' + (params.get('next') ? '?next=' + encodeURIComponent(next) : '')}>Create an account</Link>
        </p>
      </form>
    </div>
  );
}
