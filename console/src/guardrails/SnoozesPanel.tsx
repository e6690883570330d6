// Per-entity snoozes: while one is in force, automated actions on the entity (from one strategy, or from
// all) are suppressed, e.g. for a partner account under manual handling or a known false positive. A
// form to snooze an entity for a preset time (or until a chosen time), and the snoozes in force with an
// end button. ?snooze_type=&snooze_id= fill the form in (for links from elsewhere).
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { seg } from '../shared/api';
import { entityPath, formatTime } from '../shared/format';
import { ConfirmButton } from '../shared/form';
import { useLoad, usePoll } from '../shared/hooks';
import { useSession } from '../shared/session';
import { ENTITY_TYPES } from '../shared/types';
import { Empty, ErrorNote, Loading, Panel } from '../shared/ui';
import { byName, strategyPath } from '../strategies/access';
import type { StrategyListItem } from '../strategies/types';
import { maySnooze, type Snooze } from './types';

const HOUR = 3_600_000;
const PRESETS = [
  { key: '1h', label: '1 hour', ms: HOUR },
  { key: '4h', label: '4 hours', ms: 4 * HOUR },
  { key: '1d', label: '1 day', ms: 24 * HOUR },
  { key: '7d', label: '7 days', ms: 7 * 24 * HOUR },
  { key: '30d', label: '30 days', ms: 30 * 24 * HOUR },
] as const;
type PresetKey = (typeof PRESETS)[number]['key'] | 'custom';

/** "in 3 h 20 min", "in 6 days". */
function remaining(until: string, now: number): string {
  const ms = new Date(until).getTime() - now;
  if (ms <= 0) return 'ended';
  const min = Math.round(ms / 60_000);
  if (min < 60) return `in ${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `in ${h} h${min % 60 ? ` ${min % 60} min` : ''}`;
  return `in ${Math.round(h / 24)} days`;
}

/** A datetime-local value (local time, minutes) for a Date. */
const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

export function SnoozesPanel() {
  const { api, me } = useSession();
  const canSnooze = maySnooze(me.roles);
  const [tick, setTick] = useState(0);
  // Snoozes end by themselves: read again every 30 s, and after each change here.
  const snoozes = usePoll((signal) => api.get<{ snoozes: Snooze[] }>('/v1/snoozes', undefined, signal).then((r) => r.snoozes), 30_000, [api, tick]);
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<Error>();
  const now = snoozes.updatedAt?.getTime() ?? Date.now();
  const list = (snoozes.data ?? []).filter((s) => new Date(s.until).getTime() > now);

  async function end(s: Snooze) {
    setError(undefined);
    try {
      await api.del(`/v1/snoozes/${seg(String(s.id))}`);
      setNotice(`Ended the snooze of ${s.entity.type} ${s.entity.id}: automated actions apply to it again.`);
    } catch (err) {
      setError(err as Error);
    }
    setTick((t) => t + 1);
  }

  return (
    <Panel title="Snoozes" extra={<span className="muted small">automation held off an entity until a time</span>}>
      {canSnooze && (
        <SnoozeForm
          onSnoozed={(s) => {
            setNotice(`Snoozed ${s.entity.type} ${s.entity.id}${s.strategy_id ? ` for ${s.strategy_id}` : ' for every strategy'} until ${formatTime(s.until)}.`);
            setError(undefined);
            setTick((t) => t + 1);
          }}
        />
      )}
      {notice && (
        <div className="notice" role="status" data-testid="snooze-notice">
          {notice}
        </div>
      )}
      <ErrorNote error={error} title="Not ended" />
      <ErrorNote error={snoozes.error} />
      <h3>In force</h3>
      {!snoozes.data ? (
        !snoozes.error && <Loading what="snoozes" />
      ) : list.length === 0 ? (
        <Empty>No entity is snoozed.</Empty>
      ) : (
        <table className="table snoozes" data-testid="snoozes">
          <thead>
            <tr>
              <th>Entity</th>
              <th>From</th>
              <th>Until</th>
              <th>Reason</th>
              {canSnooze && <th />}
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <tr key={s.id} data-snooze-id={s.id} data-entity={`${s.entity.type}:${s.entity.id}`}>
                <td className="nowrap">
                  <Link to={entityPath(s.entity)}>
                    <span className="muted">{s.entity.type}</span> {s.entity.id}
                  </Link>
                </td>
                <td className="nowrap">{s.strategy_id ? <Link to={strategyPath(s.strategy_id)}>{s.strategy_id}</Link> : <span className="muted">every strategy</span>}</td>
                <td className="nowrap" title={s.until}>
                  {formatTime(s.until)}
                  <div className="muted small">{remaining(s.until, now)}</div>
                </td>
                <td>
                  {s.reason || <span className="muted">—</span>}
                  <div className="muted small">
                    by {byName(s.created_by)} at {formatTime(s.created_at)}
                  </div>
                </td>
                {canSnooze && (
                  <td className="nowrap" data-testid={`end-snooze-${s.id}`}>
                    <ConfirmButton label="End" confirmLabel="End snooze" onConfirm={() => void end(s)} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function SnoozeForm({ onSnoozed }: { onSnoozed(s: Snooze): void }) {
  const { api } = useSession();
  const [params] = useSearchParams();
  const [type, setType] = useState(params.get('snooze_type') ?? 'account');
  const [id, setId] = useState(params.get('snooze_id') ?? '');
  const [strategy, setStrategy] = useState('');
  const [preset, setPreset] = useState<PresetKey>('1d');
  const [custom, setCustom] = useState(() => localInput(new Date(Date.now() + 24 * HOUR)));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const strategies = useLoad((signal) => api.get<{ strategies: StrategyListItem[] }>('/v1/strategies', undefined, signal).then((r) => r.strategies), [api]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    const p = PRESETS.find((x) => x.key === preset);
    const until = p ? new Date(Date.now() + p.ms) : new Date(custom);
    if (!id.trim()) return setError(new Error('Enter the id of the entity to snooze.'));
    if (Number.isNaN(until.getTime())) return setError(new Error('Choose when the snooze ends.'));
    setBusy(true);
    try {
      const s = await api.post<Snooze>('/v1/snoozes', {
        entity: { type, id: id.trim() },
        ...(strategy ? { strategy_id: strategy } : {}),
        until: until.toISOString(),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setId('');
      setReason('');
      onSnoozed(s);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="snooze-form" aria-label="Snooze an entity" onSubmit={(e) => void submit(e)} data-testid="snooze-form">
      <div className="snooze-row">
        <label>
          Entity{' '}
          <select aria-label="Entity type" value={type} onChange={(e) => setType(e.target.value)}>
            {ENTITY_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <input aria-label="Entity id" placeholder="id, e.g. acct_123" value={id} onChange={(e) => setId(e.target.value)} spellCheck={false} />
        <label>
          from{' '}
          <select aria-label="Strategy" value={strategy} onChange={(e) => setStrategy(e.target.value)}>
            <option value="">every strategy</option>
            {strategies.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="snooze-row" role="radiogroup" aria-label="Snooze for">
        <span className="muted">for</span>
        {PRESETS.map((p) => (
          <label key={p.key} className={`duration${preset === p.key ? ' duration-on' : ''}`}>
            <input type="radio" name="snooze-duration" value={p.key} checked={preset === p.key} onChange={() => setPreset(p.key)} /> {p.label}
          </label>
        ))}
        <label className={`duration${preset === 'custom' ? ' duration-on' : ''}`}>
          <input type="radio" name="snooze-duration" value="custom" checked={preset === 'custom'} onChange={() => setPreset('custom')} /> until…
        </label>
        {preset === 'custom' && <input type="datetime-local" aria-label="Snooze until" value={custom} onChange={(e) => setCustom(e.target.value)} />}
      </div>
      <div className="snooze-row">
        <input className="snooze-reason" aria-label="Reason for snoozing" placeholder="reason (e.g. partner account, handled by hand)" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Snooze
        </button>
      </div>
      {error && (
        <div className="field-error" role="alert">
          {error.message}
        </div>
      )}
    </form>
  );
}
