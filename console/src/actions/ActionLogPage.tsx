// The action log, newest first: every enforcement action with its source (a strategy version and the
// decision behind it, a moderator, a revert), filtered by entity or by strategy and version (on the
// server, paging back with `before`), with a revert button on what can still be undone and links between
// an action and the revert that undid it; a restricting action's statement of reasons opens below it.
import { Fragment, useEffect, useState } from 'react';
import { useUrlFilters } from '../shared/urlFilters';
import { Link } from 'react-router';
import { seg } from '../shared/api';
import { entityPath, formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { ENTITY_TYPES } from '../shared/types';
import { Badge, Empty, ErrorNote, Loading, PageHeader } from '../shared/ui';
import { decisionPath } from '../decisions/types';
import { strategyPath } from '../strategies/access';
import { StrategySelect } from '../strategies/StrategySelect';
import '../strategies/strategies.css';
import { newestActions, type ActionFilter } from './newest';
import { canRevert, type ActionRecord } from './types';
import { StatementPanel } from '../statements/StatementPanel';
import { hasStatement, STATEMENT_READERS } from '../statements/types';

const PAGE = 50;
const REVERTERS = ['admin', 'analyst', 'moderator'];
const KEYS = ['entity_type', 'entity_id', 'strategy', 'version'] as const;
type Filters = Record<(typeof KEYS)[number], string>;

function detailText(a: ActionRecord): string {
  const d = a.details;
  const parts: string[] = [];
  if (typeof d.label === 'string') parts.push(`label “${d.label}”`);
  if (typeof d.queue === 'string') parts.push(`queue ${d.queue}`);
  if (typeof d.priority === 'number') parts.push(`priority ${d.priority}`);
  if (typeof d.duration_ms === 'number') parts.push(`for ${Math.round(d.duration_ms / 60_000)} min`);
  if (typeof d.message === 'string') parts.push(`“${d.message}”`);
  return parts.join(' · ');
}

export function ActionLogPage() {
  const { api, me } = useSession();
  const mayRevert = me.roles.some((r) => REVERTERS.includes(r));
  const mayReadStatements = me.roles.some((r) => STATEMENT_READERS.includes(r));
  const [openStatement, setOpenStatement] = useState<number | null>(null);
  const { params, setParams, filters, filterKey, draft, set: setField, apply, submit } = useUrlFilters(KEYS);
  const before = params.get('before');
  const focus = Number(params.get('focus')) || undefined;
  const [notice, setNotice] = useState<string>();

  const filter: ActionFilter = {
    entity: filters.entity_type && filters.entity_id ? { type: filters.entity_type, id: filters.entity_id } : undefined,
    strategy: filters.strategy ? { id: filters.strategy, version: filters.version ? Number(filters.version) : undefined } : undefined,
  };
  const page = useLoad((signal) => newestActions(api, filter, before ? Number(before) : null, PAGE, signal), [api, filterKey, before]);

  useEffect(() => {
    if (focus && page.data) document.querySelector(`[data-seq="${focus}"]`)?.scrollIntoView({ block: 'center' });
  }, [focus, page.data]);

  // A version belongs to its strategy: choosing another strategy (or none) clears it.
  const set = (k: keyof Filters, v: string, now = false) => setField(k, v, now, k === 'strategy' ? { version: '' } : {});
  const older = (seq: number, keepFocus?: number) => {
    const p = new URLSearchParams(params);
    p.set('before', String(seq));
    if (keepFocus) p.set('focus', String(keepFocus));
    else p.delete('focus');
    setParams(p);
  };
  const newest = () => {
    const p = new URLSearchParams(params);
    p.delete('before');
    setParams(p);
  };
  const actions = page.data?.actions;
  const active = KEYS.some((k) => filters[k]);
  /** Where an action in this list or another one is: same entity, focused. */
  const actionLink = (a: ActionRecord, seq: number) => `/actions?entity_type=${encodeURIComponent(a.entity.type)}&entity_id=${encodeURIComponent(a.entity.id)}&focus=${seq}`;

  return (
    <>
      <PageHeader
        title="Action log"
        subtitle="Every enforcement action, newest first: by strategies, moderators and reverts. A revert is a new action that undoes one, sent to the platform like any other."
        actions={
          <button type="button" className="btn" onClick={page.reload} disabled={page.loading}>
            Refresh
          </button>
        }
      />
      <form className="toolbar filters" role="search" aria-label="Filter actions" onSubmit={submit}>
        <label>
          Entity{' '}
          <select name="entity_type" aria-label="Entity type" value={draft.entity_type} onChange={(e) => set('entity_type', e.target.value)}>
            <option value="">type</option>
            {ENTITY_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>{' '}
          <input name="entity_id" aria-label="Entity id" placeholder="id" value={draft.entity_id} onChange={(e) => set('entity_id', e.target.value)} spellCheck={false} />
        </label>
        <label>
          Strategy{' '}
          <StrategySelect value={draft.strategy} onChange={(id) => set('strategy', id, true)} />
        </label>
        {draft.strategy && (
          <label>
            Version <input name="version" className="input-tiny" type="number" min={1} value={draft.version} onChange={(e) => set('version', e.target.value)} />
          </label>
        )}
        <button type="submit" className="btn">
          Filter
        </button>
        {active && (
          <button type="button" className="btn-link" onClick={() => apply({ entity_type: '', entity_id: '', strategy: '', version: '' })}>
            Clear filters
          </button>
        )}
      </form>
      {notice && (
        <div className="notice" role="status" data-testid="action-notice">
          {notice}
        </div>
      )}
      <ErrorNote error={page.error} />
      {focus && !before && actions && !actions.some((a) => a.seq === focus) && (
        <div className="notice" data-testid="focus-elsewhere">
          #{focus} is not among the newest here.{' '}
          <button type="button" className="btn-link" onClick={() => older(focus + 1, focus)}>
            Show it
          </button>
        </div>
      )}
      {!actions ? (
        page.loading && <Loading what="actions" />
      ) : actions.length === 0 ? (
        <Empty>{before ? 'No older actions.' : active ? 'No action matches these filters.' : 'No actions yet.'}</Empty>
      ) : (
        <table className={`table action-log${page.loading ? ' stale' : ''}`} data-testid="action-log">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>Time</th>
              <th>Action</th>
              <th>On</th>
              <th>Policy</th>
              <th>By</th>
              <th>Details</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {actions.map((a) => (
              <Fragment key={a.seq}>
                <tr data-seq={a.seq} data-action={a.action} className={a.seq === focus ? 'selected' : undefined}>
                  <td className="num">#{a.seq}</td>
                  <td className="nowrap" title={`recorded ${a.at}\ntook effect ${a.effective_at}`}>
                    {formatTime(a.at)}
                  </td>
                  <td>
                    <code className={`verb${a.reverts_seq !== null ? ' verb-revert' : ''}`}>{a.action}</code>
                  </td>
                  <td className="col-entity">
                    <Link to={entityPath(a.entity)}>
                      <span className="muted">{a.entity.type}</span> {a.entity.id}
                    </Link>
                  </td>
                  <td>{a.policy ?? <span className="muted">—</span>}</td>
                  <td className="nowrap">
                    {a.strategy ? (
                      <>
                        <Link to={strategyPath(a.strategy.id)}>{a.strategy.id}</Link> <span className="muted">v{a.strategy.version}</span>
                        {a.strategy.decision_id !== null && a.reverts_seq === null && (
                          <div className="small">
                            <Link to={decisionPath(a.strategy.decision_id)}>decision #{a.strategy.decision_id}</Link>
                          </div>
                        )}
                        {a.reverts_seq !== null && <div className="muted small">{a.actor.replace(/^key:[^:]+:/, '')}</div>}
                      </>
                    ) : (
                      <span title={a.actor}>
                        {a.source} <span className="muted small">{a.actor.replace(/^key:[^:]+:/, '')}</span>
                      </span>
                    )}
                  </td>
                  <td>
                    {detailText(a)}
                    {a.reason && <div className="muted small">{a.reason}</div>}
                  </td>
                  <td className="nowrap">
                    {a.reverts_seq !== null && (
                      <Link to={actionLink(a, a.reverts_seq)} className="reverts-link">
                        reverts #{a.reverts_seq}
                      </Link>
                    )}
                    {a.reverted_by !== null && (
                      <Badge tone="warn">
                        <Link to={actionLink(a, a.reverted_by)} className="plain-link">
                          reverted by #{a.reverted_by}
                        </Link>
                      </Badge>
                    )}
                    {mayRevert && canRevert(a) && <RevertAction action={a} onDone={(m) => (setNotice(m), page.reload())} />}
                    {mayReadStatements && hasStatement(a.action, a.policy) && (
                      <div>
                        <button type="button" className="btn-link small" aria-expanded={openStatement === a.seq} onClick={() => setOpenStatement(openStatement === a.seq ? null : a.seq)}>
                          {openStatement === a.seq ? 'Hide statement of reasons' : 'Statement of reasons'}
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
                {openStatement === a.seq && (
                  <tr className="statement-row">
                    <td colSpan={8}>
                      <StatementPanel id={a.seq} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      <div className="pager">
        {before && (
          <button type="button" className="btn" onClick={newest}>
            Newest
          </button>
        )}
        {page.data?.older != null && actions && (
          <button type="button" className="btn" onClick={() => older(page.data!.older!)}>
            Older →
          </button>
        )}
      </div>
    </>
  );
}

function RevertAction({ action, onDone }: { action: ActionRecord; onDone(message: string): void }) {
  const { api } = useSession();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  async function revert() {
    setBusy(true);
    setError(undefined);
    try {
      const r = await api.post<ActionRecord>(`/v1/actions/${seg(String(action.seq))}/revert`, reason.trim() ? { reason: reason.trim() } : {});
      setAsking(false);
      onDone(`Reverted #${action.seq} (${action.action} on ${action.entity.type} ${action.entity.id}) with #${r.seq} (${r.action}).`);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }
  if (!asking) {
    return (
      <button type="button" className="btn btn-danger-outline btn-small" onClick={() => setAsking(true)}>
        Revert
      </button>
    );
  }
  return (
    <span className="confirm revert-form">
      <input aria-label={`Reason for reverting #${action.seq}`} placeholder="reason" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
      <button type="button" className="btn btn-danger btn-small" disabled={busy} onClick={() => void revert()}>
        Confirm revert
      </button>
      <button type="button" className="btn btn-small" onClick={() => setAsking(false)}>
        Cancel
      </button>
      {error && <span className="field-error">{error.message}</span>}
    </span>
  );
}
