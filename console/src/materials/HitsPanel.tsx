// Hits of a material or a package over the last week (chart, live vs test) and the latest hits with the
// item they were found in. Hits are written by the matcher as events arrive; "Refresh" asks again.
import { useState } from 'react';
import { Link } from 'react-router';
import { entityPath, formatCount, formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { Empty, ErrorNote, Loading, Panel } from '../shared/ui';
import { materialPath } from './access';
import { HighlightedText } from './HighlightedText';
import { HitsChart } from './HitsChart';
import { HitTone } from './StatusBadge';
import { shortHash } from './text';
import type { Hits, RecentHit } from './types';

export function HitsPanel({ path, title, showMaterial, version }: { path: string; title: string; showMaterial?: boolean; version?: number }) {
  const { api } = useSession();
  const [bucket, setBucket] = useState<'hour' | 'day'>('day');
  const hits = useLoad((signal) => api.get<Hits>(path, { bucket, limit: 20 }, signal), [api, path, bucket, version]);
  const totals = hits.data?.over_time.reduce((t, r) => ({ live: t.live + r.live, test: t.test + r.test }), { live: 0, test: 0 });

  return (
    <Panel
      title={title}
      extra={
        <span className="toolbar-inline">
          {totals && (
            <span className="muted small" data-testid="hit-totals">
              last 7 days: {formatCount(totals.live)} live, {formatCount(totals.test)} test
            </span>
          )}
          <select aria-label="Bucket" value={bucket} onChange={(e) => setBucket(e.target.value as 'hour' | 'day')}>
            <option value="day">per day</option>
            <option value="hour">per hour</option>
          </select>
          <button type="button" className="btn" onClick={hits.reload}>
            Refresh
          </button>
        </span>
      }
    >
      <ErrorNote error={hits.error} />
      {!hits.data ? (
        hits.loading && <Loading what="hits" />
      ) : (
        <>
          <HitsChart rows={hits.data.over_time} bucket={hits.data.bucket} />
          <h3 className="subhead">Recent hits</h3>
          {hits.data.recent.length === 0 ? <Empty>No hits yet.</Empty> : <RecentHits hits={hits.data.recent} showMaterial={showMaterial} />}
        </>
      )}
    </Panel>
  );
}

function RecentHits({ hits, showMaterial }: { hits: RecentHit[]; showMaterial?: boolean }) {
  return (
    <table className="table" data-testid="recent-hits">
      <thead>
        <tr>
          <th>At</th>
          <th />
          {showMaterial && <th>Material</th>}
          <th>Item</th>
          <th>Surface · field</th>
          <th>Matched</th>
          <th>Event</th>
        </tr>
      </thead>
      <tbody>
        {hits.map((h) => (
          <tr key={h.id}>
            <td className="nowrap">{formatTime(h.at)}</td>
            <td>
              <HitTone test={h.test} />
            </td>
            {showMaterial && (
              <td>
                <Link to={materialPath(h.package_id, h.material_id)}>#{h.material_id}</Link> <span className="muted small">v{h.package_version}</span>
              </td>
            )}
            <td className="nowrap">
              <Link to={entityPath({ type: h.item_type, id: h.item_id })}>
                {h.item_type} {h.item_id}
              </Link>
            </td>
            <td className="muted">
              {h.surface} · {h.field.startsWith('media:') ? `media ${shortHash(h.field.slice(6))}` : h.field}
            </td>
            <td>
              {h.distance !== undefined ? (
                <span>distance {h.distance}</span>
              ) : h.matched !== undefined ? (
                <span title={h.start !== undefined ? `code points ${h.start}–${h.end}` : undefined}>
                  <HighlightedText text={h.matched} inline className="matched" />
                </span>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
            <td>
              <code className="small">{h.event_id}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
