// Backtest: run a version over stored history with no effects, over a chosen range, and read the report:
// hits per day beside events, by rule, overlap with other strategies, precision and recall against
// moderators' verdicts, the review load it would add, and sample hits.
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { seg } from '../shared/api';
import { useSession } from '../shared/session';
import { ErrorNote, Panel } from '../shared/ui';
import { BacktestReportView } from './BacktestReport';
import { useStrategy } from './StrategyLayout';
import type { BacktestReport } from './types';

const pad = (n: number) => String(n).padStart(2, '0');
/** A Date as a datetime-local input value (local time, minutes). */
const toLocalInput = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

const PRESETS = [
  { label: 'Last hour', ms: 3_600_000 },
  { label: '24 h', ms: 86_400_000 },
  { label: '7 days', ms: 7 * 86_400_000 },
  { label: '30 days', ms: 30 * 86_400_000 },
];

export function BacktestTab() {
  const { api } = useSession();
  const { strategy, versions, canEdit } = useStrategy();
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('version'));
  const version = versions.find((v) => v.version === asked)?.version ?? strategy.candidate?.version ?? versions[0]!.version;
  const [range, setRange] = useState(() => {
    const to = new Date(Date.now() + 60_000);
    return { from: toLocalInput(new Date(to.getTime() - 7 * 86_400_000)), to: toLocalInput(to) };
  });
  const [maxEvents, setMaxEvents] = useState('');
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<BacktestReport>();
  const [error, setError] = useState<Error>();

  function preset(ms: number) {
    const to = new Date(Date.now() + 60_000);
    setRange({ from: toLocalInput(new Date(to.getTime() - ms)), to: toLocalInput(to) });
  }

  async function run(e: FormEvent) {
    e.preventDefault();
    setRunning(true);
    setError(undefined);
    try {
      const body = { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString(), ...(maxEvents ? { max_events: Number(maxEvents) } : {}) };
      setReport(await api.post<BacktestReport>(`/v1/strategies/${seg(strategy.id)}/versions/${version}/backtest`, body));
    } catch (err) {
      setError(err as Error);
    } finally {
      setRunning(false);
    }
  }

  return (
    <>
      <Panel title="Run a backtest">
        {!canEdit ? (
          <p className="muted">Backtests are run by admins and analysts.</p>
        ) : (
          <form className="toolbar backtest-form" onSubmit={run} aria-label="Backtest">
            <label>
              Version{' '}
              <select value={version} onChange={(e) => setParams({ version: e.target.value }, { replace: true })} aria-label="Version to backtest">
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    v{v.version} ({v.state})
                  </option>
                ))}
              </select>
            </label>
            <label>
              From <input type="datetime-local" value={range.from} onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))} required aria-label="From" />
            </label>
            <label>
              to <input type="datetime-local" value={range.to} onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))} required aria-label="To" />
            </label>
            <span className="presets">
              {PRESETS.map((p) => (
                <button key={p.label} type="button" className="btn-link small" onClick={() => preset(p.ms)}>
                  {p.label}
                </button>
              ))}
            </span>
            <label>
              At most{' '}
              <input className="input-events" type="number" min={1} value={maxEvents} placeholder="1000000" onChange={(e) => setMaxEvents(e.target.value)} aria-label="Maximum events" /> events
            </label>
            <button type="submit" className="btn btn-primary" disabled={running}>
              {running ? 'Running…' : 'Run backtest'}
            </button>
          </form>
        )}
        <p className="muted small">
          Replays stored events in ingest order through v{version} alone, counters warmed up before the range, with no effects. At most 92 days over HTTP.
        </p>
        <ErrorNote title="The backtest did not run" error={error} />
      </Panel>
      {report && <BacktestReportView report={report} />}
    </>
  );
}
