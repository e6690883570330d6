// Precision from moderators' verdicts (GET /v1/review/precision) with its 95% Wilson interval, drawn as a
// bar: the interval shaded, the point estimate marked. Used on the strategy, package and material pages.
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { ErrorNote, Panel } from '../shared/ui';
import { percent, type PrecisionAnswer, type PrecisionRow } from './types';
import './review.css';

export interface PrecisionQuery {
  by: 'strategy' | 'strategy_version' | 'material' | 'package';
  strategy?: string;
  package?: string;
  material?: number;
}

export function PrecisionBar({ row }: { row: PrecisionRow }) {
  const { low, high } = row.interval;
  return (
    <span className="precision-bar" aria-hidden="true">
      <span className="interval" style={{ left: `${low * 100}%`, width: `${Math.max(0.5, (high - low) * 100)}%` }} />
      {row.precision !== null && <span className="point" style={{ left: `calc(${row.precision * 100}% - 1px)` }} />}
    </span>
  );
}

/** "50% (9–91%, 1 of 2 confirmed)". */
export const precisionText = (row: PrecisionRow) =>
  row.judged ? `${percent(row.precision)} (95% interval ${percent(row.interval.low)}–${percent(row.interval.high)}; ${row.confirmed} of ${row.judged} confirmed)` : 'not judged yet';

export function PrecisionPanel({ query, label, title = 'Precision from review', testId = 'precision' }: { query: PrecisionQuery; label(row: PrecisionRow): string; title?: string; testId?: string }) {
  const { api } = useSession();
  const data = useLoad((signal) => api.get<PrecisionAnswer>('/v1/review/precision', { ...query }, signal), [api, query.by, query.strategy, query.package, query.material]);
  const rows = data.data?.rows ?? [];
  return (
    <Panel title={title} extra={<span className="muted small">moderators' verdicts on what it flagged · 95% Wilson interval</span>}>
      <ErrorNote error={data.error} />
      {!data.data ? (
        <p className="muted small">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="muted small" data-testid={testId}>
          No verdicts yet on anything it flagged.
        </p>
      ) : (
        <table className="table small" data-testid={testId}>
          <thead>
            <tr>
              <th />
              <th className="num">Precision</th>
              <th>Interval</th>
              <th className="num">Confirmed / judged</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={JSON.stringify(r.key)} data-key={Object.values(r.key).join(':')}>
                <td>{label(r)}</td>
                <td className="num" data-testid="precision-value">
                  <strong>{percent(r.precision)}</strong>
                </td>
                <td className="nowrap" data-testid="precision-interval">
                  <PrecisionBar row={r} />
                  {percent(r.interval.low)}–{percent(r.interval.high)}
                </td>
                <td className="num">
                  {r.confirmed} / {r.judged}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
