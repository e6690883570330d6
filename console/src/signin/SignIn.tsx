// Sign-in: paste an API key, checked with GET /v1/me before it is kept in this browser.
import { useState, type FormEvent } from 'react';
import { ApiError, fetchMe } from '../shared/api';
import type { Me } from '../shared/types';

export function SignIn({ message, onSignedIn }: { message?: string; onSignedIn(key: string, me: Me): void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) return setError('Paste an API key first.');
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(trimmed, await fetchMe(trimmed));
    } catch (err) {
      const e = err as Error;
      setError(e instanceof ApiError && e.status === 401 ? `That key was not accepted: ${e.message}` : e.message);
      setBusy(false);
    }
  }

  return (
    <div className="signin">
      <form className="signin-card" onSubmit={submit} noValidate>
        <h1>
          Vigil <span className="muted">console</span>
        </h1>
        <p className="muted">Sign in with an API key. It is checked against the server and kept in this browser until you sign out.</p>
        {message && (
          <div className="notice" role="status">
            {message}
          </div>
        )}
        <label htmlFor="api-key">API key</label>
        <input id="api-key" name="api-key" type="password" autoComplete="off" spellCheck={false} autoFocus value={key} onChange={(e) => setKey(e.target.value)} />
        {error && (
          <div className="error-note" role="alert">
            {error}
          </div>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
