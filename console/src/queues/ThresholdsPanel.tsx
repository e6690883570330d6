// A queue's capacity-following thresholds: the trade-off between how many items the team reviews and
// the harm expected to slip through if the rest were decided automatically, the point the staffed
// capacity reaches, and a what-if capacity. Nothing here changes how the queue runs; whether the router
// applies the staffed thresholds is the queue's opt-in in review settings (assignment.auto_decide).
// The model is in src/review/thresholds.ts and docs/review.md.
import { useEffect, useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceDot, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { seg } from '../shared/api';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { Empty, ErrorNote, Loading, Panel } from '../shared/ui';
import '../workforce/workforce.css';

interface CurvePoint {
  reviewed: number;
  missedHarm: number;
  actionAbove: number | null;
  dismissBelow: number | null;
}
interface Thresholds {
  queue: string;
  window_hours: number;
  wrongful_action_weight: number;
  received: number;
  decided: number;
  staffed_capacity: number | null;
  capacity: number;
  recommended: CurvePoint;
  curve: CurvePoint[];
}

const p2 = (x: number) => x.toFixed(2);
const harm = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/** The thresholds at one point, in a sentence an operator can check against the chart. */
export function thresholdWords(t: Pick<Thresholds, 'window_hours' | 'received'>, p: CurvePoint): string {
  const at = `At ${p.reviewed} review${p.reviewed === 1 ? '' : 's'} in ${t.window_hours} h`;
  if (p.reviewed >= t.received) return `${at}: every item received is reviewed; nothing would be decided automatically.`;
  const parts = [p.actionAbove !== null && `items with likelihood ≥ ${p2(p.actionAbove)} would be actioned`, p.dismissBelow !== null && `≤ ${p2(p.dismissBelow)} dismissed`].filter(Boolean);
  return `${at}: ${parts.join(' and ')} without review; expected missed harm ${harm(p.missedHarm)}.`;
}

export function ThresholdsPanel({ queueId }: { queueId: string }) {
  const { api, isAdmin } = useSession();
  const [toggleError, setToggleError] = useState<Error>();
  const [hours, setHours] = useState(24);
  const [capacityText, setCapacityText] = useState('');
  // Ask the server only once the typing settles.
  const [capacity, setCapacity] = useState<number>();
  useEffect(() => {
    const t = setTimeout(() => setCapacity(capacityText.trim() === '' ? undefined : Math.max(0, Math.round(Number(capacityText)) || 0)), 300);
    return () => clearTimeout(t);
  }, [capacityText]);
  const data = useLoad((signal) => api.get<Thresholds>(`/v1/review/queues/${seg(queueId)}/thresholds`, { hours, capacity }, signal), [api, queueId, hours, capacity]);
  const t = data.data;
  type Settings = { assignment?: { auto_decide?: Record<string, unknown> } } & Record<string, unknown>;
  const settings = useLoad((signal) => api.get<Settings>('/v1/review/settings', undefined, signal), [api]);
  /** Opts the queue in or out of automatic decisions: the whole settings document goes back with one key changed. */
  async function setApplied(on: boolean) {
    if (!settings.data) return;
    const { [queueId]: _dropped, ...others } = settings.data.assignment?.auto_decide ?? {};
    const next = { ...settings.data, assignment: { ...settings.data.assignment, auto_decide: on ? { ...others, [queueId]: {} } : others } };
    setToggleError(undefined);
    try {
      await api.put('/v1/review/settings', next);
      settings.reload();
    } catch (err) {
      setToggleError(err as Error);
    }
  }
  const applied = !!settings.data?.assignment?.auto_decide && Object.hasOwn(settings.data.assignment.auto_decide, queueId);
  const mode = !settings.data ? '' : applied ? 'applied: each round decides the waiting tasks outside the staffed thresholds' : 'a preview: this queue is not opted in to automatic decisions';

  return (
    <Panel title={applied ? 'Automatic thresholds' : 'Automatic thresholds (preview)'} className="thresholds-panel" extra={<span className="muted small thresholds-preview" data-testid="thresholds-mode">{mode}</span>}>
      <div className="toolbar">
        <label>
          Window{' '}
          <select aria-label="Window" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            <option value={24}>24 h</option>
            <option value={72}>3 days</option>
            <option value={168}>7 days</option>
          </select>
        </label>
        <label>
          What if the team could review{' '}
          <input aria-label="What-if capacity" type="number" min={0} className="input-short" placeholder={t ? String(t.staffed_capacity ?? t.capacity) : ''} value={capacityText} onChange={(e) => setCapacityText(e.target.value)} /> items
        </label>
        {capacityText && (
          <button type="button" className="btn-link" onClick={() => setCapacityText('')}>
            back to the staffed capacity
          </button>
        )}
      </div>
      <ErrorNote error={data.error} />
      <ErrorNote error={toggleError} />
      {isAdmin && settings.data && (
        <p>
          <button type="button" className={applied ? 'btn' : 'btn btn-primary'} onClick={() => void setApplied(!applied)} data-testid="thresholds-toggle">
            {applied ? 'Stop deciding automatically' : 'Decide automatically outside these thresholds'}
          </button>{' '}
          <span className="muted small">At the staffed capacity, each router round actions (removes, interrupts) or dismisses the waiting tasks outside them; strikes always wait for a person.</span>
        </p>
      )}
      {!t ? (
        <Loading />
      ) : t.received === 0 ? (
        <Empty>The queue received no review tasks in the last {t.window_hours} h: nothing to trade off.</Empty>
      ) : (
        <>
          <p className="thresholds-words" data-testid="thresholds-words">
            {thresholdWords(t, t.recommended)}
          </p>
          <p className="muted small">
            {t.received} received and {t.decided} decided by moderators in the last {t.window_hours} h. Capacity used: {t.capacity}
            {capacity !== undefined ? ' (what-if)' : t.staffed_capacity !== null ? ' (moderators on shift and certified for this queue)' : ' (no profiles: what was decided)'}. A wrongful action counts {t.wrongful_action_weight}× a missed violation.
          </p>
          <div className="chart" data-testid="thresholds-chart">
            <ResponsiveContainer width="100%" height={240}>
              <LineChart data={t.curve} margin={{ top: 8, right: 24, bottom: 16, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
                <XAxis dataKey="reviewed" type="number" domain={[0, t.received]} tick={{ fontSize: 11 }} label={{ value: 'items reviewed', position: 'insideBottom', offset: -8, fontSize: 11 }} />
                <YAxis tick={{ fontSize: 11 }} tickFormatter={(v: number) => harm(v)} label={{ value: 'expected missed harm', angle: -90, position: 'insideLeft', offset: 12, fontSize: 11, style: { textAnchor: 'middle' } }} />
                <Tooltip contentStyle={{ fontSize: 12 }} formatter={(v) => harm(Number(v))} labelFormatter={(v) => `${v} reviewed`} />
                <Line type="monotone" dataKey="missedHarm" name="missed harm" stroke="#2454d6" dot={false} isAnimationActive={false} />
                <ReferenceDot x={t.recommended.reviewed} y={t.recommended.missedHarm} r={6} fill="#c0262d" stroke="#fff" label={{ value: capacity !== undefined ? 'what-if' : 'staffed', position: 'top', fontSize: 11 }} />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </>
      )}
    </Panel>
  );
}
