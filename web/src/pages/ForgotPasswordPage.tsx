import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../api';
import { Field } from '../components/Field';
import { Alert } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useFocusFirstError } from '../components/useFocusFirstError';
import { useRequestPasswordReset } from '../queries';

export function ForgotPasswordPage() {
  useDocumentTitle('Forgot password');
  const reset = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, reset.error);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    reset.mutate({ email: email.trim() });
  };
  const fields = reset.error instanceof ApiError ? reset.error.fieldErrors : {};

  return (
    <div className="container page auth-page">
      <form ref={formRef} className="auth-card" onSubmit={onSubmit} noValidate aria-labelledby="forgot-title">
        <p className="eyebrow">Account</p>
        <h1 id="forgot-title">Forgot your password?</h1>
        {reset.isSuccess ? (
          <Alert kind="success" testId="form-success">
            If an account uses {email.trim()}, a link to choose a new password is on its way. It works once, within
            an hour.
          </Alert>
        ) : (
          <p className="muted">Give the email of your account: we will mail you a link to choose a new password.</p>
        )}
        {reset.isError && <Alert testId="form-error">{errorMessage(reset.error)}</Alert>}
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
        <button type="submit" className="btn btn--primary btn--block" disabled={reset.isPending}>
          {reset.isPending ? 'Sending…' : reset.isSuccess ? 'Send the link again' : 'Send the link'}
        </button>
        <p className="auth-card__alt">
          Remembered it? <Link to="/login">Log in</Link>
        </p>
      </form>
    </div>
  );
}
