import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../api';
import { Field } from '../components/Field';
import { Alert } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useFocusFirstError } from '../components/useFocusFirstError';
import { useConfirmPasswordReset } from '../queries';

/** The token of the mailed link, in the fragment (#token=...), which no server ever sees. */
function tokenFromLink(): string {
  return new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token') ?? '';
}

export function ResetPasswordPage() {
  useDocumentTitle('Choose a new password');
  const [token] = useState(tokenFromLink);
  const confirm = useConfirmPasswordReset();
  const [password, setPassword] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, confirm.error);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate(
      { token, password },
      // The link is spent: it leaves the address bar and the history entry.
      { onSuccess: () => window.history.replaceState(null, '', window.location.pathname) },
    );
  };
  const fields = confirm.error instanceof ApiError ? confirm.error.fieldErrors : {};
  const tokenRefused = confirm.error instanceof ApiError && confirm.error.code === 'RESET_TOKEN_INVALID';

  if (confirm.isSuccess) {
    return (
      <div className="container page auth-page">
        <div className="auth-card">
          <p className="eyebrow">Account</p>
          <h1>Password changed</h1>
          <Alert kind="success" testId="form-success">
            Your new password is set, and every session of your account has ended.
          </Alert>
          <Link className="btn btn--primary btn--block" to="/login">
            Log in
          </Link>
        </div>
      </div>
    );
  }

  return (
    <div className="container page auth-page">
      <form ref={formRef} className="auth-card" onSubmit={onSubmit} noValidate aria-labelledby="reset-title">
        <p className="eyebrow">Account</p>
        <h1 id="reset-title">Choose a new password</h1>
        {!token && (
          <Alert kind="info">
            Open this page from the link in your reset mail, or <Link to="/forgot-password">ask for a new link</Link>.
          </Alert>
        )}
        {confirm.isError && (
          <Alert testId="form-error">
            {errorMessage(confirm.error)}
            {tokenRefused && (
              <>
                . <Link to="/forgot-password">Ask for a new link</Link>.
              </>
            )}
          </Alert>
        )}
        <Field
          label="New password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters."
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fields.password}
        />
        <button type="submit" className="btn btn--primary btn--block" disabled={!token || confirm.isPending}>
          {confirm.isPending ? 'Saving…' : 'Set the new password'}
        </button>
      </form>
    </div>
  );
}
