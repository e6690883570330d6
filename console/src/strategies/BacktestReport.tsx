// A backtest's report: the headline figures, hits per day beside the events seen, hits by rule, overlap
// with the other strategies, precision and recall against moderators (or that there are no verdicts yet),
// the review load it would have added, and sample hits that open the decision explorer.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { entityPath, formatCount, formatTime } from '../shared/format';
import { Empty, Panel } from '../shared/ui';
import { percent, strategyPath } from './access';
import type { BacktestReport } from './types';

function Figure({ label, value, note, testId }: { label: string; value: ReactNode; note?: ReactNode; testId?: string }) {
  return (
    <div className="figure" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{value}</dd>
      {note && <div className="muted small">{note}</div>}
    </div>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Local date and minute, for a range that may start days ago. */
function formatDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function BacktestReportView({ report: r }: { report: BacktestReport }) {
  const rules = Object.entries(r.by_rule)
    .sort(([, x], [, y]) => y - x)
    .map(([rule, hits]) => ({ rule, hits }));
  const queues = Object.entries(r.review_load).sort(([, x], [, y]) => y - x);
  const reviewTotal = queues.reduce((s, [, n]) => s + n, 0);
  const days = r.by_day.map((d) => ({ ...d, label: d.day.slice(5) }));

  return (
    <div className="backtest-report" data-testid="backtest-report">
      <Panel
        title={`Report: v${r.version}, ${formatDay(r.from)} to ${formatDay(r.to)}`}
        extra={<span className="muted small">ran in {formatCount(r.duration_ms)} ms</span>}
      >
        {r.truncated && <div className="notice notice-warn">Cut short at {formatCount(r.events)} events: narrow the range or raise the limit for the whole picture.</div>}
        <dl className="figures">
          <Figure label="Events" value={formatCount(r.events)} testId="bt-events" />
          <Figure label="Hits" value={formatCount(r.hits)} testId="bt-hits" />
          <Figure label="Hit rate" value={r.events ? percent(r.hit_rate, 2) : '—'} />
          <Figure
            label="Precision"
            testId="bt-precision"
            value={r.precision.value === null ? <span className="muted">no verdicts yet</span> : percent(r.precision.value)}
            note={`${formatCount(r.precision.confirmed)} confirmed · ${formatCount(r.precision.overturned)} overturned by moderators`}
          />
          <Figure
            label="Recall"
            testId="bt-recall"
            value={r.recall.value === null ? <span className="muted">no verdicts yet</span> : percent(r.recall.value)}
            note={`${formatCount(r.recall.found)} found · ${formatCount(r.recall.missed)} missed of moderators' removals`}
          />
          <Figure label="Review load" value={formatCount(reviewTotal)} note={queues.length ? `tasks in ${queues.length} queue${queues.length === 1 ? '' : 's'}` : 'enqueues nothing'} testId="bt-review" />
        </dl>
      </Panel>
      <div className="report-grid">
        <Panel title="Hits per day beside events">
          {days.length ? (
            <div className="chart chart-small" data-testid="bt-by-day">
              <ResponsiveContainer width="100%" height={220}>
                <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e5e7eb" />
                  <XAxis dataKey="label" tick={{ fontSize: 11 }} tickLine={false} />
                  <YAxis yAxisId="events" allowDecimals={false} tick={{ fontSize: 11 }} tickLine={false} axisLine={false} />
                  <YAxis yAxisId="hits" orientation="right" allowDecimals={false} tick={{ fontSize: 11, fill: '#c0262d' }} tickLine={false} axisLine={false} />
                  <Tooltip cursor={{ fill: 'rgba(0,0,0,0.04)' }} contentStyle={{ fontSize: 12 }} />
                  <Legend wrapperStyle={{ fontSize: 12 }} iconSize={10} />
                  <Bar yAxisId="events" dataKey="events" name="events (left)" fill="#cbd5e1" isAnimationActive={false} />
                  <Bar yAxisId="hits" dataKey="hits" name="hits (right)" fill="#c0262d" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          ) : (
            <Empty>No events of its types in this range.</Empty>
          )}
        </Panel>
        <Panel title="Hits by rule">
          {rules.length ? (
            <div className="chart chart-small" data-testid="bt-by-rule">
              <ResponsiveContainer width="100%" height={Math.max(90, 34 * rules.length + 40)}>
                <BarChart data={rules} layout="vertical" margin={{ top: 4, right: 24, bottom: 0, left: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e5e7eb" />
                  <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} tickLine={false} />
                  <YAxis type="category" dataKey="rule" width={130} tick={{ fontSize: 12 }} tickLine={false} axisLine={false} />
                  <Tooltip cursor={{ fill: 'rgba(0,0,0,0.04)' }} contentStyle={{ fontSize: 12 }} />
                  <Bar dataKey="hits" name="hits" fill="#2454d6" isAnimationActive={false} barSize={18} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          ) : (
            <Empty>No rule fired.</Empty>
          )}
        </Panel>
      </div>
      <div className="report-grid">
        <Panel title="Overlap with other strategies">
          {r.overlap.length ? (
            <table className="table" data-testid="bt-overlap">
              <thead>
                <tr>
                  <th>Strategy</th>
                  <th className="num">Both</th>
                  <th className="num">Only this</th>
                  <th className="num">Only the other</th>
                </tr>
              </thead>
              <tbody>
                {r.overlap.map((o) => (
                  <tr key={o.strategy_id}>
                    <td>
                      <Link to={strategyPath(o.strategy_id)}>{o.strategy_id}</Link>
                    </td>
                    <td className="num">{formatCount(o.both)}</td>
                    <td className="num">{formatCount(o.only_this)}</td>
                    <td className="num">{formatCount(o.only_other)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>No other strategy decided on events in this range.</Empty>
          )}
        </Panel>
        <Panel title="Review load">
          {queues.length ? (
            <table className="table" data-testid="bt-queues">
              <thead>
                <tr>
                  <th>Queue</th>
                  <th className="num">Tasks it would add</th>
                </tr>
              </thead>
              <tbody>
                {queues.map(([q, n]) => (
                  <tr key={q}>
                    <td>
                      <Link to={`/queues/${encodeURIComponent(q)}`}>{q}</Link>
                    </td>
                    <td className="num">{formatCount(n)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>It would enqueue nothing for review.</Empty>
          )}
        </Panel>
      </div>
      <Panel title={`Sample hits (${r.sample.length}${r.sample.length < r.hits ? ` of ${formatCount(r.hits)}` : ''})`}>
        {r.sample.length ? (
          <table className="table" data-testid="bt-sample">
            <thead>
              <tr>
                <th>Event time</th>
                <th>Event</th>
                <th>Rule</th>
                <th>Entity</th>
                <th>Would do</th>
              </tr>
            </thead>
            <tbody>
              {r.sample.map((h) => (
                <tr key={h.event_id}>
                  <td className="nowrap">{formatTime(h.event_time)}</td>
                  <td>
                    <Link to={`/decisions?event_id=${encodeURIComponent(h.event_id)}`} title="What the running strategies decided on this event">
                      <code>{h.event_id}</code>
                    </Link>
                  </td>
                  <td>{h.rule}</td>
                  <td>{h.entity ? <Link to={entityPath(h.entity)}>{`${h.entity.type} ${h.entity.id}`}</Link> : <span className="muted">—</span>}</td>
                  <td>
                    {h.actions.map((a) => (
                      <code key={a} className="chip">
                        {a}
                      </code>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty>No hits.</Empty>
        )}
      </Panel>
    </div>
  );
}
