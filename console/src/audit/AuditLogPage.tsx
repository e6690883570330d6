// The audit log, newest first: who did what to which target, filtered by actor, action prefix, target and
// time (kept in the URL), paging back with `before`, and the same filters exported as CSV or NDJSON.
import { useState, type MouseEvent } from 'react';
import { useUrlFilters } from '../shared/urlFilters';
import { Link } from 'react-router';
import { withQuery, type Query } from '../shared/api';
import { formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { Empty, ErrorNote, Loading, PageHeader } from '../shared/ui';

interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  details: Record<string, unknown>;
}

const PAGE = 100;
const KEYS = ['actor', 'action', 'target_type', 'target_id', 'from', 'to'] as const;

/** A datetime-local value ("2026-05-01T10:00") read as local time, as the API's ISO time. */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** Where a target lives in the console, when it has a page. */
function targetPath(type: string, id: string): string | undefined {
  if (type === 'case') return `/cases/${encodeURIComponent(id)}`;
  if (type === 'strategy') return `/strategies/${encodeURIComponent(id)}`;
  if (type === 'policy') return `/policies/${encodeURIComponent(id)}`;
  if (type === 'queue') return `/queues/${encodeURIComponent(id)}`;
  if (['account', 'content', 'livestream', 'shop', 'device', 'payment_instrument', 'ip'].includes(type)) return `/entities/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;
  return undefined;
}

export function AuditLogPage() {
  const { api } = useSession();
  const { params, setParams, filters, filterKey, draft, set, apply, submit } = useUrlFilters(KEYS);
  const before = params.get('before');
  const [exportError, setExportError] = useState<string>();

  const query: Query = { actor: filters.actor, action: filters.action, target_type: filters.target_type, target_id: filters.target_id, from: isoOf(filters.from), to: isoOf(filters.to) };
  const page = useLoad((signal) => api.get<{ entries: AuditEntry[]; next_before: number | null }>('/v1/audit', { ...query, before: before ?? undefined, limit: PAGE }, signal), [api, filterKey, before]);

  const older = (seq: number) => {
    const p = new URLSearchParams(params);
    p.set('before', String(seq));
    setParams(p);
  };

  // The export needs the API key, which a plain link cannot send: fetch it and save the file.
  const exportHref = (format: 'csv' | 'ndjson') => withQuery('/v1/audit/export', { ...query, format });
  async function download(e: MouseEvent<HTMLAnchorElement>, format: 'csv' | 'ndjson') {
    e.preventDefault();
    setExportError(undefined);
    try {
      const blob = await api.blob(exportHref(format));
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `vigil-audit.${format}`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setExportError((err as Error).message);
    }
  }

  const entries = page.data?.entries;
  const active = KEYS.some((k) => filters[k]);
  return (
    <>
      <PageHeader
        title="Audit log"
        subtitle="Every change made through Vigil: who did what to which target, newest first. Append-only."
        actions={
          <>
            <button type="button" className="btn" onClick={page.reload} disabled={page.loading}>
              Refresh
            </button>
            <a className="btn" href={exportHref('csv')} onClick={(e) => void download(e, 'csv')} data-testid="audit-export-csv">
              Export CSV
            </a>
            <a className="btn" href={exportHref('ndjson')} onClick={(e) => void download(e, 'ndjson')} data-testid="audit-export-ndjson">
              Export NDJSON
            </a>
          </>
        }
      />
      <form className="toolbar filters" role="search" aria-label="Filter the audit log" onSubmit={submit}>
        <label>
          Actor <input aria-label="Actor" value={draft.actor} onChange={(e) => set('actor', e.target.value)} spellCheck={false} />
        </label>
        <label>
          Action <input aria-label="Action prefix" placeholder="e.g. case." value={draft.action} onChange={(e) => set('action', e.target.value)} spellCheck={false} />
        </label>
        <label>
          Target <input aria-label="Target type" className="input-short" placeholder="type" value={draft.target_type} onChange={(e) => set('target_type', e.target.value)} spellCheck={false} />{' '}
          <input aria-label="Target id" placeholder="id" value={draft.target_id} onChange={(e) => set('target_id', e.target.value)} spellCheck={false} />
        </label>
        <label>
          From <input aria-label="From" type="datetime-local" value={draft.from} onChange={(e) => set('from', e.target.value)} />
        </label>
        <label>
          To <input aria-label="To" type="datetime-local" value={draft.to} onChange={(e) => set('to', e.target.value)} />
        </label>
        <button type="submit" className="btn">
          Filter
        </button>
        {active && (
          <button type="button" className="btn-link" onClick={() => apply({ actor: '', action: '', target_type: '', target_id: '', from: '', to: '' })}>
            Clear filters
          </button>
        )}
      </form>
      <ErrorNote error={exportError} title="Export failed" />
      <ErrorNote error={page.error} />
      {!entries ? (
        page.loading && <Loading what="the audit log" />
      ) : entries.length === 0 ? (
        <Empty>{before ? 'No older entries.' : active ? 'No entry matches these filters.' : 'The audit log is empty.'}</Empty>
      ) : (
        <table className={`table${page.loading ? ' stale' : ''}`} data-testid="audit-log">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>Time</th>
              <th>Actor</th>
              <th>Action</th>
              <th>Target</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => {
              const to = targetPath(e.target_type, e.target_id);
              return (
                <tr key={e.seq} data-seq={e.seq} data-action={e.action}>
                  <td className="num">{e.seq}</td>
                  <td className="nowrap">{formatTime(e.at)}</td>
                  <td title={e.actor}>{e.actor.replace(/^key:[^:]+:/, '')}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td className="nowrap">
                    <span className="muted">{e.target_type}</span> {to ? <Link to={to}>{e.target_id}</Link> : e.target_id}
                  </td>
                  <td>
                    <code className="small">{JSON.stringify(e.details)}</code>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {(before || page.data?.next_before) && (
        <div className="toolbar">
          {before && (
            <button type="button" className="btn" onClick={() => apply(filters)}>
              Newest
            </button>
          )}
          {page.data?.next_before && (
            <button type="button" className="btn" onClick={() => older(page.data!.next_before!)}>
              Older
            </button>
          )}
        </div>
      )}
    </>
  );
}
