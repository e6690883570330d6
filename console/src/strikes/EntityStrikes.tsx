// The strikes panel of the entity page: every strike of the entity (active, expired, reverted) with the
// ladder step it reached, and, for admins and moderators on an account, a form to give a manual strike.
import { useState, type FormEvent } from 'react';
import { seg } from '../shared/api';
import { formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import type { Policy } from '../shared/types';
import { Badge, Empty, ErrorNote, Loading, Panel } from '../shared/ui';
import { mayRead, mayStrike, stepText, type Strike } from './types';
import './strikes.css';

const TONE = { active: 'danger', expired: undefined, reverted: 'ok' } as const;

export function EntityStrikes({ type, id }: { type: string; id: string }) {
  const { api, me } = useSession();
  const strikes = useLoad((signal) => api.get<{ strikes: Strike[]; active: Record<string, number> }>(`/v1/entities/${seg(type)}/${seg(id)}/strikes`, undefined, signal), [api, type, id]);
  if (!mayRead(me.roles)) return null;
  const active = strikes.data ? Object.entries(strikes.data.active) : [];
  return (
    <Panel
      title={`Strikes (${strikes.data?.strikes.length ?? '…'})`}
      extra={active.length > 0 && <span className="small" data-testid="active-strikes">{active.map(([ladder, n]) => `${n} active (${ladder} ladder)`).join(' · ')}</span>}
    >
      {type === 'account' && mayStrike(me.roles) && <StrikeForm type={type} id={id} onStruck={strikes.reload} />}
      {strikes.error && <ErrorNote error={strikes.error} />}
      {!strikes.data ? (
        <Loading what="strikes" />
      ) : strikes.data.strikes.length === 0 ? (
        <Empty>No strikes.</Empty>
      ) : (
        <table className="table" data-testid="entity-strikes">
          <thead>
            <tr>
              <th>Given</th>
              <th>Policy</th>
              <th className="num">Strike</th>
              <th>Step reached</th>
              <th>State</th>
              <th>Expires</th>
              <th>By · reason</th>
            </tr>
          </thead>
          <tbody>
            {strikes.data.strikes.map((s) => (
              <tr key={s.id} className={`strike-${s.state}`} data-strike={s.id}>
                <td>{formatTime(s.at)}</td>
                <td>
                  {s.policy}
                  {s.ladder !== s.policy && <span className="muted small"> ({s.ladder} ladder)</span>}
                </td>
                <td className="num">#{s.count}</td>
                <td data-testid="strike-step">{s.step ? `step ${s.step.strikes}: ${stepText(s.step)}` : <span className="muted">below the first step</span>}</td>
                <td>
                  <Badge tone={TONE[s.state]}>{s.state}</Badge>
                </td>
                <td>{formatTime(s.expires_at)}</td>
                <td className="small">
                  {s.actor} ({s.source}) · {s.reason}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function StrikeForm({ type, id, onStruck }: { type: string; id: string; onStruck(): void }) {
  const { api } = useSession();
  const policies = useLoad((signal) => api.get<{ policies: Policy[] }>('/v1/policies', undefined, signal).then((r) => r.policies), [api]);
  const [policy, setPolicy] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.post('/v1/strikes', { account: { type, id }, policy, reason });
      setReason('');
      onStruck();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="strike-form" aria-label="Give a strike" onSubmit={(e) => void submit(e)}>
      <select aria-label="Policy violated" value={policy} onChange={(e) => setPolicy(e.target.value)}>
        <option value="">policy violated…</option>
        {(policies.data ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <input aria-label="Reason" placeholder="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      <button type="submit" className="btn" disabled={busy || !policy || !reason.trim()}>
        Give a strike
      </button>
      <ErrorNote error={error} />
    </form>
  );
}
