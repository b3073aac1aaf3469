import { useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../api';
import { Field } from '../components/Field';
import { safeNext } from '../components/RequireAuth';
import { Alert } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useFocusFirstError } from '../components/useFocusFirstError';
import { useMe, useRegister } from '../queries';

const USERNAME_RE = /^[A-Za-z0-9_.-]{3,32}$/;

function validate(username: string, email: string, password: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!USERNAME_RE.test(username)) errors.username = 'Use 3 to 32 letters, digits, "_", "." or "-".';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = 'Enter a valid email address.';
  if (password.length < 8) errors.password = 'Use at least 8 characters.';
  else if ([...password].length > 256) errors.password = 'Use at most 256 characters.';
  return errors;
}

export function RegisterPage() {
  useDocumentTitle('Sign up');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const me = useMe();
  const register = useRegister();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});

  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, Object.keys(clientErrors).length ? clientErrors : register.error);
  if (me.data && !register.isSuccess) return <Navigate to={next} replace />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errors = validate(username.trim(), email.trim(), password);
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    register.mutate(
      { username: username.trim(), email: email.trim(), password },
      { onSuccess: () => navigate(next, { replace: true }) },
    );
  };
  const serverFields = register.error instanceof ApiError ? register.error.fieldErrors : {};
  const fields = { ...serverFields, ...clientErrors };

  return (
    <div className="container page auth-page">
      <form ref={formRef} className="auth-card" onSubmit={onSubmit} noValidate aria-labelledby="register-title">
        <p className="eyebrow">Join the studio</p>
        <h1 id="register-title">Create your account</h1>
        {Object.keys(clientErrors).length > 0 && <Alert testId="form-error">Please fix the highlighted fields.</Alert>}
        {register.isError && Object.keys(clientErrors).length === 0 && (
          <Alert testId="form-error">{errorMessage(register.error)}</Alert>
        )}
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          required
          minLength={3}
          maxLength={32}
          hint="3–32 letters, digits, _ . -"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={fields.username}
        />
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
          autoComplete="new-password"
          required
          minLength={8}
          hint="At least 8 characters."
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fields.password}
        />
        <button type="submit" className="btn btn--primary btn--block" disabled={register.isPending}>
          {register.isPending ? 'Creating account…' : 'Sign up'}
        </button>
        <p className="auth-card__alt">
          Already have an account?{' '}
          <Link to={'/login' + (params.get('next') ? '?next=' + encodeURIComponent(next) : '')}>Log in</Link>
        </p>
      </form>
    </div>
  );
}
