// Overview: what is flowing in right now. Events per minute by type over the last hour, totals per type,
// and a live feed of the latest events, all refreshed every few seconds without a reload.
import { useEffect, useMemo, useRef, useState } from 'react';
import { EventTable } from '../shared/EventTable';
import { formatCount, formatTime } from '../shared/format';
import { usePoll } from '../shared/hooks';
import { useApi } from '../shared/session';
import type { EventStats, StoredEvent } from '../shared/types';
import { Empty, ErrorNote, Loading, PageHeader, Panel } from '../shared/ui';
import { EventsChart } from './EventsChart';
import { colorFor, perMinuteRows } from './chart-data';

const REFRESH_MS = 2_500;
const MINUTES = 60;
const FEED_SIZE = 30;

export function OverviewPage() {
  const api = useApi();
  const [typeFilter, setTypeFilter] = useState<string>();
  const stats = usePoll((signal) => api.get<EventStats>('/v1/stats/events', { minutes: MINUTES }, signal), REFRESH_MS, [api]);
  const feed = usePoll(
    (signal) => api.get<{ events: StoredEvent[] }>('/v1/events', { limit: FEED_SIZE, type: typeFilter }, signal),
    REFRESH_MS,
    [api, typeFilter],
  );

  const chart = useMemo(() => (stats.data ? perMinuteRows(stats.data, MINUTES) : undefined), [stats.data]);

  // Rows that arrived since the previous refresh are highlighted briefly.
  const lastTop = useRef<number | undefined>(undefined);
  const [freshAfter, setFreshAfter] = useState<number>();
  useEffect(() => {
    const top = feed.data?.events[0]?.seq;
    if (top === undefined) return;
    if (lastTop.current !== undefined && top > lastTop.current) setFreshAfter(lastTop.current);
    lastTop.current = top;
  }, [feed.data]);
  useEffect(() => {
    lastTop.current = undefined;
    setFreshAfter(undefined);
  }, [typeFilter]);

  const totals = stats.data ? Object.entries(stats.data.totals).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])) : [];
  const problem = stats.error ?? feed.error;

  return (
    <>
      <PageHeader
        title="Overview"
        subtitle="Events ingested, by type. Refreshes every few seconds."
        actions={
          <span className={`live${problem ? ' live-down' : ''}`} data-testid="live-status">
            {problem ? 'Reconnecting…' : stats.updatedAt ? `Live · updated ${formatTime(stats.updatedAt.toISOString())}` : 'Connecting…'}
          </span>
        }
      />
      <ErrorNote title="Refresh failed" error={problem} />
      <div className="overview-grid">
        <Panel title={`Events per minute, last ${MINUTES} minutes`}>
          {chart ? chart.types.length ? <EventsChart rows={chart.rows} types={chart.types} /> : <Empty>No events in the last hour.</Empty> : <Loading />}
        </Panel>
        <Panel title="Totals by type">
          {!stats.data ? (
            <Loading />
          ) : (
            <table className="table totals" data-testid="totals">
              <thead>
                <tr>
                  <th>Type</th>
                  <th className="num">Last {MINUTES} min</th>
                  <th className="num">All time</th>
                </tr>
              </thead>
              <tbody>
                {totals.map(([type, n]) => (
                  <tr key={type} data-type={type} className={typeFilter === type ? 'selected' : undefined}>
                    <td>
                      <button type="button" className="btn-link type-filter" title="Show only this type in the feed" onClick={() => setTypeFilter(typeFilter === type ? undefined : type)}>
                        <span className="swatch" style={{ background: colorFor(type) }} />
                        {type}
                      </button>
                    </td>
                    <td className="num">{formatCount(chart?.windowTotals[type] ?? 0)}</td>
                    <td className="num" data-testid={`total-${type}`}>
                      {formatCount(n)}
                    </td>
                  </tr>
                ))}
                {totals.length === 0 && (
                  <tr>
                    <td colSpan={3} className="muted">
                      No events yet.
                    </td>
                  </tr>
                )}
              </tbody>
              <tfoot>
                <tr>
                  <th>Total</th>
                  <th className="num">{formatCount(Object.values(chart?.windowTotals ?? {}).reduce((a, b) => a + b, 0))}</th>
                  <th className="num" data-testid="total-events">
                    {formatCount(stats.data.total)}
                  </th>
                </tr>
              </tfoot>
            </table>
          )}
        </Panel>
      </div>
      <Panel
        title="Latest events"
        extra={
          typeFilter && (
            <span className="filter-chip">
              type <code>{typeFilter}</code>{' '}
              <button type="button" className="btn-link" aria-label="Clear type filter" onClick={() => setTypeFilter(undefined)}>
                ×
              </button>
            </span>
          )
        }
      >
        {!feed.data ? <Loading /> : feed.data.events.length ? <EventTable events={feed.data.events} freshAfterSeq={freshAfter} testId="event-feed" /> : <Empty>No events yet. Send some to POST /v1/events.</Empty>}
      </Panel>
    </>
  );
}
