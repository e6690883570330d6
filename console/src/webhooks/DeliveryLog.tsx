// The delivery log: newest first, refreshed every few seconds, filtered by status and endpoint (kept in the
// URL), paged backwards by the server's cursor. Each row shows attempts, the last answer or error and when
// the next attempt is due; a failed delivery can be retried, and any row opened to show the body it sends.
import { Fragment, useState } from 'react';
import { useSearchParams } from 'react-router';
import { seg } from '../shared/api';
import { formatTime } from '../shared/format';
import { usePoll } from '../shared/hooks';
import { useSession } from '../shared/session';
import { Empty, ErrorNote, Loading } from '../shared/ui';
import { DeliveryStatus } from './DeliveryStatus';
import { DELIVERY_STATUSES, type DeliveryPage, type WebhookDelivery, type WebhookEndpoint } from './types';

const PAGE_SIZE = 25;
const REFRESH_MS = 2000;

function eventSummary(d: WebhookDelivery): string {
  const kind = d.payload.data?.action?.action;
  return kind ? `${kind} · ${d.entity ?? ''}` : d.event_type;
}

/** The body as the server sends it: the envelope's keys first (see bodyOf in src/enforcement/webhooks/send.ts). */
function sentBody(d: WebhookDelivery): string {
  const { id, type, created_at, ...rest } = d.payload;
  return JSON.stringify({ id, type, created_at, ...rest }, null, 2);
}

export function DeliveryLog({ endpoints, version, onRetried }: { endpoints: WebhookEndpoint[]; version: number; onRetried(id: string): void }) {
  const { api } = useSession();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const endpoint = params.get('endpoint') ?? '';
  const filterKey = `${status}\u0000${endpoint}`;
  // Cursors of the pages before this one, so "Newer" can go back (the server pages one way only).
  const [trail, setTrail] = useState<{ key: string; cursors: number[] }>({ key: filterKey, cursors: [] });
  const cursors = trail.key === filterKey ? trail.cursors : [];
  const after = cursors[cursors.length - 1];
  const [open, setOpen] = useState<string>();
  const [retrying, setRetrying] = useState<string>();
  const [actionError, setActionError] = useState<Error>();
  const [tick, setTick] = useState(0);

  const page = usePoll((signal) => api.get<DeliveryPage>('/v1/webhooks/deliveries', { status, endpoint, after, limit: PAGE_SIZE }, signal), REFRESH_MS, [api, filterKey, after, version, tick]);

  function setFilter(key: 'status' | 'endpoint', value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  }

  async function retry(d: WebhookDelivery) {
    setRetrying(d.id);
    setActionError(undefined);
    try {
      await api.post(`/v1/webhooks/deliveries/${seg(d.id)}/retry`, {});
      onRetried(d.id);
    } catch (err) {
      setActionError(err as Error);
    } finally {
      setRetrying(undefined);
      setTick((t) => t + 1);
    }
  }

  const deliveries = page.data?.deliveries;
  return (
    <>
      <div className="toolbar filters" role="search" aria-label="Filter deliveries">
        <label>
          Status{' '}
          <select name="status" value={status} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">any</option>
            {DELIVERY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Endpoint{' '}
          <select name="endpoint" value={endpoint} onChange={(e) => setFilter('endpoint', e.target.value)}>
            <option value="">any</option>
            {endpoints.map((ep) => (
              <option key={ep.id} value={ep.id}>
                {ep.id}
              </option>
            ))}
          </select>
        </label>
        {page.updatedAt && <span className="live">updated {formatTime(page.updatedAt.toISOString())}</span>}
      </div>
      <ErrorNote error={actionError} title="Not retried" />
      <ErrorNote error={page.error} />
      {!deliveries ? (
        <Loading what="deliveries" />
      ) : deliveries.length === 0 ? (
        <Empty>{status || endpoint || cursors.length ? 'No deliveries match.' : 'No deliveries yet: they appear here when an action is taken and an endpoint wants it.'}</Empty>
      ) : (
        <table className="table" data-testid="delivery-log">
          <thead>
            <tr>
              <th>Created</th>
              <th>Delivery</th>
              <th>Event</th>
              <th>Status</th>
              <th className="num">Attempts</th>
              <th className="num">Last answer</th>
              <th>Last error</th>
              <th>Last attempt</th>
              <th>Delivered / next attempt</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <Fragment key={d.id}>
                <tr data-delivery-id={d.id} data-status={d.status}>
                  <td className="nowrap">{formatTime(d.created_at)}</td>
                  <td className="small">
                    <button type="button" className="btn-link" aria-expanded={open === d.id} onClick={() => setOpen(open === d.id ? undefined : d.id)} title="Show the body it sends">
                      <code>{d.id}</code>
                    </button>
                  </td>
                  <td className="break-anywhere">{eventSummary(d)}</td>
                  <td>
                    <DeliveryStatus delivery={d} />
                  </td>
                  <td className="num">{d.attempts}</td>
                  <td className="num">{d.last_status_code ?? <span className="muted">—</span>}</td>
                  <td className="small break-anywhere">{d.last_error ?? <span className="muted">—</span>}</td>
                  <td className="nowrap">{d.last_attempt_at ? formatTime(d.last_attempt_at) : <span className="muted">—</span>}</td>
                  <td className="nowrap">{d.delivered_at ? formatTime(d.delivered_at) : d.next_attempt_at ? <span className="muted">next {formatTime(d.next_attempt_at)}</span> : <span className="muted">—</span>}</td>
                  <td>
                    {d.status === 'failed' && (
                      <button type="button" className="btn" disabled={retrying === d.id} onClick={() => retry(d)}>
                        Retry
                      </button>
                    )}
                  </td>
                </tr>
                {open === d.id && (
                  <tr className="selected">
                    <td colSpan={10}>
                      <pre className="small break-anywhere" data-testid="delivery-payload" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                        {sentBody(d)}
                      </pre>
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {(cursors.length > 0 || page.data?.next_after) && (
        <div className="pager" data-testid="delivery-pager">
          <button type="button" className="btn" disabled={!cursors.length} onClick={() => setTrail({ key: filterKey, cursors: cursors.slice(0, -1) })}>
            ← Newer
          </button>
          <span className="muted">page {cursors.length + 1}</span>
          <button type="button" className="btn" disabled={!page.data?.next_after} onClick={() => page.data?.next_after && setTrail({ key: filterKey, cursors: [...cursors, page.data.next_after] })}>
            Older →
          </button>
        </div>
      )}
    </>
  );
}
