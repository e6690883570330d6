// Operations of human review: per queue its depth, tasks in review, overdue tasks, the age of its oldest
// task, the last day's SLA attainment and median handle time; the hourly flow of raised vs decided tasks
// (all queues or one); and pause / drain / resume for admins and analysts. Refreshed every 10 seconds.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { usePoll } from '../shared/hooks';
import { useSession } from '../shared/session';
import { Badge, ErrorNote, Loading, PageHeader, Panel } from '../shared/ui';
import { FlowChart } from './FlowChart';
import { canOperateQueues, formatDuration, percent, type FlowHour, type QueueStats } from './types';
import './review.css';

const STATE_NOTE: Record<string, string> = {
  active: 'hands out tasks and takes new ones',
  paused: 'hands out no tasks',
  draining: 'hands out tasks; routing sends it no new ones',
};

export function OperationsPage() {
  const { api, me } = useSession();
  const [params, setParams] = useSearchParams();
  const flowQueue = params.get('queue') ?? '';
  const [tick, setTick] = useState(0);
  const stats = usePoll((signal) => api.get<{ queues: QueueStats[] }>('/v1/review/queues', undefined, signal), 10_000, [api, tick]);
  const flow = usePoll((signal) => api.get<{ hours: FlowHour[] }>('/v1/review/flow', { queue: flowQueue }, signal), 30_000, [api, flowQueue, tick]);
  const canOperate = canOperateQueues(me.roles);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<Error>();
  const [notice, setNotice] = useState<string>();

  async function setState(queue: string, state: 'active' | 'paused' | 'draining') {
    setBusy(queue);
    setError(undefined);
    try {
      await api.post(`/v1/queues/${encodeURIComponent(queue)}/state`, { state });
      setNotice(`${queue} is now ${state}: ${STATE_NOTE[state]}.`);
      setTick((t) => t + 1);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(undefined);
    }
  }

  const queues = stats.data?.queues ?? [];
  const totals = queues.reduce((t, q) => ({ open: t.open + q.open, leased: t.leased + q.leased, overdue: t.overdue + q.overdue, done: t.done + q.done_24h }), { open: 0, leased: 0, overdue: 0, done: 0 });
  return (
    <>
      <PageHeader
        title="Operations"
        subtitle={
          stats.data ? (
            <span data-testid="ops-totals">
              {totals.open} open · {totals.leased} in review · {totals.overdue} overdue · {totals.done} decided in 24 h
            </span>
          ) : undefined
        }
        actions={
          <span className="muted small">{stats.updatedAt ? `updated ${stats.updatedAt.toLocaleTimeString()}` : ''}</span>
        }
      />
      {notice && (
        <div className="notice" role="status" data-testid="ops-notice">
          {notice}
        </div>
      )}
      <ErrorNote error={error} title="Not changed" />
      <ErrorNote error={stats.error} />
      {!stats.data ? (
        <Loading what="queues" />
      ) : (
        <Panel title="Queues">
          <table className="table" data-testid="ops-queues">
            <thead>
              <tr>
                <th>Queue</th>
                <th>State</th>
                <th className="num">Open</th>
                <th className="num">In review</th>
                <th className="num">Overdue</th>
                <th className="num">Oldest</th>
                <th className="num">SLA</th>
                <th className="num" title="Share of the tasks decided in the last 24 hours that met their deadline">SLA met (24 h)</th>
                <th className="num">Decided (24 h)</th>
                <th className="num">Median handle</th>
                {canOperate && <th />}
              </tr>
            </thead>
            <tbody>
              {queues.map((q) => (
                <tr key={q.queue} data-queue={q.queue} data-state={q.state}>
                  <td>
                    <Link to={`/queues/${encodeURIComponent(q.queue)}`}>{q.name}</Link> <code className="muted small">{q.queue}</code>
                  </td>
                  <td data-testid="queue-state" title={STATE_NOTE[q.state]}>
                    {q.state === 'active' ? <span className="state-active">active</span> : <Badge tone={q.state === 'paused' ? 'danger' : 'warn'}>{q.state}</Badge>}
                  </td>
                  <td className="num" data-testid="queue-open">
                    {q.open}
                  </td>
                  <td className="num">{q.leased}</td>
                  <td className="num">{q.overdue ? <span className="sla-bad">{q.overdue}</span> : 0}</td>
                  <td className="num">{formatDuration(q.oldest_age_s)}</td>
                  <td className="num">{formatDuration(q.sla_minutes * 60)}</td>
                  <td className={`num${q.sla_met_24h !== null && q.sla_met_24h < 0.9 ? ' sla-bad' : ''}`}>{percent(q.sla_met_24h)}</td>
                  <td className="num">{q.done_24h}</td>
                  <td className="num">{formatDuration(q.median_handle_s)}</td>
                  {canOperate && (
                    <td className="nowrap">
                      {q.state !== 'paused' && (
                        <button type="button" className="btn btn-danger-outline" onClick={() => void setState(q.queue, 'paused')} disabled={busy === q.queue} aria-label={`Pause ${q.queue}`}>
                          Pause
                        </button>
                      )}{' '}
                      {q.state !== 'draining' && (
                        <button type="button" className="btn" onClick={() => void setState(q.queue, 'draining')} disabled={busy === q.queue} aria-label={`Drain ${q.queue}`}>
                          Drain
                        </button>
                      )}{' '}
                      {q.state !== 'active' && (
                        <button type="button" className="btn" onClick={() => void setState(q.queue, 'active')} disabled={busy === q.queue} aria-label={`Resume ${q.queue}`}>
                          Resume
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      )}
      <Panel
        title="Raised vs decided per hour (24 h)"
        extra={
          <select aria-label="Queue of the chart" value={flowQueue} onChange={(e) => setParams(e.target.value ? { queue: e.target.value } : {})}>
            <option value="">all queues</option>
            {queues.map((q) => (
              <option key={q.queue} value={q.queue}>
                {q.name}
              </option>
            ))}
          </select>
        }
      >
        <ErrorNote error={flow.error} />
        {flow.data ? <FlowChart hours={flow.data.hours} /> : <Loading what="the flow" />}
      </Panel>
    </>
  );
}
