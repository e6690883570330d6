// Grants (or renews) a moderator's certification for a policy, until a date or for good. An expiry is a
// date: the certification holds through that day, UTC.
import { useState, type FormEvent } from 'react';
import { seg } from '../shared/api';
import { useSession } from '../shared/session';
import { ErrorNote } from '../shared/ui';
import type { ModeratorProfile } from './types';

export function CertificationForm({ moderators, policies, onDone }: { moderators: ModeratorProfile[]; policies: { id: string; name: string }[]; onDone(notice: string): void }) {
  const { api } = useSession();
  const [moderator, setModerator] = useState('');
  const [policy, setPolicy] = useState('');
  const [until, setUntil] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    if (!moderator || !policy) return setError(new Error('choose the moderator and the policy'));
    setBusy(true);
    try {
      const expires_at = until ? new Date(`${until}T23:59:59Z`).toISOString() : null;
      await api.put(`/v1/moderators/${seg(moderator)}/certifications/${seg(policy)}`, { expires_at });
      const who = moderators.find((m) => m.id === moderator);
      onDone(`Certified ${who?.display_name || moderator} for ${policy}${until ? ` until ${until}` : ''}.`);
      setPolicy('');
      setUntil('');
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="toolbar" onSubmit={submit} data-testid="certification-form">
      <select aria-label="Moderator to certify" value={moderator} onChange={(e) => setModerator(e.target.value)}>
        <option value="">Moderator…</option>
        {moderators.map((m) => (
          <option key={m.id} value={m.id}>
            {m.display_name || m.id}
          </option>
        ))}
      </select>
      <select aria-label="Policy" value={policy} onChange={(e) => setPolicy(e.target.value)}>
        <option value="">Policy…</option>
        {policies.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.id})
          </option>
        ))}
      </select>
      <label className="muted small">
        expires <input type="date" aria-label="Expires" value={until} onChange={(e) => setUntil(e.target.value)} /> (empty: never)
      </label>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        Grant
      </button>
      <ErrorNote error={error} />
    </form>
  );
}
