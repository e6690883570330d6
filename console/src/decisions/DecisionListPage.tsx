// The decision explorer: every decision a strategy version made, newest first, filtered by strategy,
// version, mode, entity or event (the filters live in the URL), paged backwards 50 at a time.
import { useEffect, useState } from 'react';
import { useUrlFilters } from '../shared/urlFilters';
import { Link } from 'react-router';
import { entityPath, formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { ENTITY_TYPES } from '../shared/types';
import { Empty, ErrorNote, Loading, PageHeader } from '../shared/ui';
import { strategyPath } from '../strategies/access';
import { StateBadge } from '../strategies/StateBadge';
import { StrategySelect } from '../strategies/StrategySelect';
import '../strategies/strategies.css';
import { DECISION_MODES, decisionPath, plannedText, type Decision } from './types';

const PAGE = 50;
const KEYS = ['strategy', 'version', 'mode', 'entity_type', 'entity_id', 'event_id'] as const;

export function DecisionListPage() {
  const { api } = useSession();
  const { params, setParams, filters, filterKey, draft, set, apply, submit } = useUrlFilters(KEYS);
  const before = params.get('before') ?? '';
  const [newer, setNewer] = useState<string[]>([]);
  useEffect(() => setNewer([]), [filterKey]);

  const list = useLoad(
    (signal) =>
      api.get<{ decisions: Decision[] }>(
        '/v1/decisions',
        { ...filters, entity_type: filters.entity_type && filters.entity_id ? filters.entity_type : '', entity_id: filters.entity_type && filters.entity_id ? filters.entity_id : '', before, limit: PAGE },
        signal,
      ),
    [api, filterKey, before],
  );

  function page(to: string) {
    const p = new URLSearchParams(params);
    if (to) p.set('before', to);
    else p.delete('before');
    setParams(p);
  }
  const decisions = list.data?.decisions;
  const active = KEYS.some((k) => filters[k]);

  return (
    <>
      <PageHeader
        title="Decision explorer"
        subtitle="What each strategy version decided on each event, and why: open a decision for its conditions, counters and material hits."
        actions={
          <>
            <button type="button" className="btn" onClick={list.reload} disabled={list.loading}>
              Refresh
            </button>
            <Link to="/strategies" className="btn">
              Strategies
            </Link>
          </>
        }
      />
      <form className="toolbar filters" role="search" aria-label="Filter decisions" onSubmit={submit}>
        <label>
          Strategy{' '}
          <StrategySelect value={draft.strategy} onChange={(id) => set('strategy', id, true)} />
        </label>
        <label>
          Version <input name="version" className="input-tiny" type="number" min={1} value={draft.version} onChange={(e) => set('version', e.target.value)} />
        </label>
        <label>
          Mode{' '}
          <select name="mode" value={draft.mode} onChange={(e) => set('mode', e.target.value, true)}>
            <option value="">any</option>
            {DECISION_MODES.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
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
          Event <input name="event_id" aria-label="Event id" placeholder="event id" value={draft.event_id} onChange={(e) => set('event_id', e.target.value)} spellCheck={false} />
        </label>
        <button type="submit" className="btn">
          Filter
        </button>
        {active && (
          <button type="button" className="btn-link" onClick={() => apply({ strategy: '', version: '', mode: '', entity_type: '', entity_id: '', event_id: '' })}>
            Clear filters
          </button>
        )}
      </form>
      {draft.entity_id && !draft.entity_type && <p className="hint hint-warn">Pick the entity's type too: the entity filter needs both.</p>}
      <ErrorNote error={list.error} />
      {!decisions ? (
        list.loading && <Loading what="decisions" />
      ) : decisions.length === 0 ? (
        <Empty>{before ? 'No older decisions.' : active ? 'No decision matches these filters.' : 'No decisions yet: strategies decide once a version is in shadow, rollout or live.'}</Empty>
      ) : (
        <table className={`table decisions${list.loading ? ' stale' : ''}`} data-testid="decision-list">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>Event time</th>
              <th>Strategy</th>
              <th>Mode</th>
              <th>Rule</th>
              <th>Entity</th>
              <th>Actions</th>
              <th>Event</th>
            </tr>
          </thead>
          <tbody>
            {decisions.map((d) => (
              <tr key={d.id} data-decision={d.id}>
                <td className="num">
                  <Link to={decisionPath(d.id)}>#{d.id}</Link>
                </td>
                <td className="nowrap" title={`decided ${d.decided_at}`}>
                  {formatTime(d.event_time)}
                </td>
                <td className="nowrap">
                  <Link to={strategyPath(d.strategy_id)}>{d.strategy_id}</Link> <span className="muted">v{d.strategy_version}</span>
                </td>
                <td>
                  <StateBadge state={d.mode} />
                </td>
                <td>
                  <Link to={decisionPath(d.id)}>{d.rule}</Link>
                </td>
                <td className="col-entity">{d.entity ? <Link to={entityPath(d.entity)}>{`${d.entity.type} ${d.entity.id}`}</Link> : <span className="muted">—</span>}</td>
                <td>
                  {d.actions.length === 0 && <span className="muted small">none</span>}
                  {d.actions.map((a, i) => (
                    <code key={i} className="chip" title={`${a.entity.type} ${a.entity.id}`}>
                      {plannedText(a)}
                    </code>
                  ))}
                  {(d.evidence.suppressed?.length ?? 0) > 0 && <span className="badge badge-warn">{d.evidence.suppressed!.length} suppressed</span>}
                </td>
                <td>
                  <code className="small">{d.event_type}</code> <span className="muted small">{d.event_id}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="pager">
        {before && (
          <>
            <button type="button" className="btn" onClick={() => (setNewer([]), page(''))}>
              Newest
            </button>
            {newer.length > 0 && (
              <button type="button" className="btn" onClick={() => (page(newer[newer.length - 1]!), setNewer((s) => s.slice(0, -1)))}>
                ← Newer
              </button>
            )}
          </>
        )}
        {decisions && decisions.length === PAGE && (
          <button type="button" className="btn" onClick={() => (setNewer((s) => [...s, before]), page(String(decisions[decisions.length - 1]!.id)))}>
            Older →
          </button>
        )}
        {decisions && decisions.length > 0 && (
          <span className="muted small">
            {decisions.length} decision{decisions.length === 1 ? '' : 's'}, #{decisions[0]!.id} to #{decisions[decisions.length - 1]!.id}
          </span>
        )}
      </div>
    </>
  );
}
