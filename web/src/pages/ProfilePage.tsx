import { useRef, useState, type FormEvent } from 'react';
import { ApiError, errorMessage, type User } from '../api';
import { Field } from '../components/Field';
import { Alert } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useFocusFirstError } from '../components/useFocusFirstError';
import { formatDate } from '../format';
import { useChangePassword, useMe, useUpdateProfile } from '../queries';

function ProfileForm({ user, update }: { user: User; update: ReturnType<typeof useUpdateProfile> }) {
  const [username, setUsername] = useState(user.username);
  const [email, setEmail] = useState(user.email);
  const [currentPassword, setCurrentPassword] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, update.error);

  const changes: { username?: string; email?: string } = {};
  if (username.trim() !== user.username) changes.username = username.trim();
  if (email.trim().toLowerCase() !== user.email.toLowerCase()) changes.email = email.trim();
  const dirty = Object.keys(changes).length > 0;
  // A new email needs the current password (the server checks it, and ends the other sessions).
  const emailChanged = changes.email !== undefined;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (dirty) update.mutate(emailChanged ? { ...changes, currentPassword } : changes);
  };
  const fields = update.error instanceof ApiError ? update.error.fieldErrors : {};

  return (
    <form ref={formRef} className="auth-card" onSubmit={onSubmit} noValidate aria-labelledby="profile-title">
      <p className="eyebrow">Account</p>
      <h1 id="profile-title">Your profile</h1>
      {user.createdAt && <p className="muted">Member since {formatDate(user.createdAt)}</p>}
      {update.isError && <Alert testId="form-error">{errorMessage(update.error)}</Alert>}
      {update.isSuccess && !dirty && (
        <Alert kind="success" testId="form-success">
          Profile saved.
        </Alert>
      )}
      <Field
        label="Username"
        name="username"
        autoComplete="username"
        required
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
      {emailChanged && (
        <Field
          label="Current password"
          type="password"
          name="currentPassword"
          autoComplete="current-password"
          required
          hint="Needed to change your email. You will be signed out everywhere else."
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.target.value)}
          error={fields.currentPassword}
        />
      )}
      <button type="submit" className="btn btn--primary btn--block" disabled={!dirty || update.isPending}>
        {update.isPending ? 'Saving…' : 'Save changes'}
      </button>
    </form>
  );
}

function ChangePasswordForm() {
  const change = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, change.error);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrentPassword('');
          setNewPassword('');
        },
      },
    );
  };
  const fields = change.error instanceof ApiError ? change.error.fieldErrors : {};
  const wrongCurrent = change.error instanceof ApiError && change.error.code === 'CURRENT_PASSWORD_WRONG';

  return (
    <form ref={formRef} className="auth-card" onSubmit={onSubmit} noValidate aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      {change.isError && !wrongCurrent && <Alert testId="password-error">{errorMessage(change.error)}</Alert>}
      {change.isSuccess && (
        <Alert kind="success" testId="password-success">
          Password changed. You stay logged in here; every other session has ended.
        </Alert>
      )}
      <Field
        label="Current password"
        type="password"
        name="currentPassword"
        autoComplete="current-password"
        required
        value={currentPassword}
        onChange={(e) => setCurrentPassword(e.target.value)}
        error={wrongCurrent ? 'Not your current password' : fields.currentPassword}
      />
      <Field
        label="New password"
        type="password"
        name="newPassword"
        autoComplete="new-password"
        required
        hint="At least 8 characters. You will be signed out everywhere else."
        value={newPassword}
        onChange={(e) => setNewPassword(e.target.value)}
        error={fields.newPassword}
      />
      <button
        type="submit"
        className="btn btn--primary btn--block"
        disabled={!currentPassword || !newPassword || change.isPending}
      >
        {change.isPending ? 'Saving…' : 'Change password'}
      </button>
    </form>
  );
}

export function ProfilePage() {
  useDocumentTitle('Profile');
  const me = useMe();
  const update = useUpdateProfile();
  // RequireAuth guarantees a user; the key resets the form after a save.
  return (
    <div className="container page auth-page">
      {me.data && <ProfileForm key={me.data.username + me.data.email} user={me.data} update={update} />}
      {me.data && <ChangePasswordForm />}
    </div>
  );
}
