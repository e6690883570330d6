// The list of cases, newest first, filtered by status, owner, tag and linked entity (kept in the URL),
// paging back with `before`, and a way to open a new case.
import { useUrlFilters } from '../shared/urlFilters';
import { Link } from 'react-router';
import { formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { ENTITY_TYPES } from '../shared/types';
import { Badge, Empty, ErrorNote, Loading, PageHeader } from '../shared/ui';
import { CASE_WRITERS, casePath, who, type CaseRecord } from './types';

const PAGE = 50;
const KEYS = ['status', 'owner', 'tag', 'entity_type', 'entity_id'] as const;

export function CaseListPage() {
  const { api, me } = useSession();
  const mayWrite = me.roles.some((r) => CASE_WRITERS.includes(r));
  const { params, setParams, filters, filterKey, draft, set, apply, submit } = useUrlFilters(KEYS, { status: 'open' });
  const before = params.get('before');

  const page = useLoad(
    (signal) =>
      api.get<{ cases: CaseRecord[]; next_before: number | null }>(
        '/v1/cases',
        {
          status: filters.status === 'all' ? undefined : filters.status,
          owner: filters.owner,
          tag: filters.tag,
          entity_type: filters.entity_type && filters.entity_id ? filters.entity_type : undefined,
          entity_id: filters.entity_type && filters.entity_id ? filters.entity_id : undefined,
          before: before ?? undefined,
          limit: PAGE,
        },
        signal,
      ),
    [api, filterKey, before],
  );

  const older = (id: number) => {
    const p = new URLSearchParams(params);
    p.set('before', String(id));
    setParams(p);
  };
  const cases = page.data?.cases;

  return (
    <>
      <PageHeader
        title="Cases"
        subtitle="Investigations: entities, review tasks, decisions, actions and evidence gathered in one place, with notes and a timeline of every change."
        actions={
          <>
            <button type="button" className="btn" onClick={page.reload} disabled={page.loading}>
              Refresh
            </button>
            {mayWrite && (
              <Link to="/cases/new" className="btn btn-primary">
                New case
              </Link>
            )}
          </>
        }
      />
      <form className="toolbar filters" role="search" aria-label="Filter cases" onSubmit={submit}>
        <label>
          Status{' '}
          <select aria-label="Status" value={draft.status} onChange={(e) => set('status', e.target.value, true)}>
            <option value="open">open</option>
            <option value="closed">closed</option>
            <option value="all">all</option>
          </select>
        </label>
        <label>
          Owner <input aria-label="Owner" value={draft.owner} onChange={(e) => set('owner', e.target.value)} spellCheck={false} />
        </label>
        <label>
          Tag <input aria-label="Tag" className="input-short" value={draft.tag} onChange={(e) => set('tag', e.target.value)} spellCheck={false} />
        </label>
        <label>
          Entity{' '}
          <select aria-label="Entity type" value={draft.entity_type} onChange={(e) => set('entity_type', e.target.value)}>
            <option value="">type</option>
            {ENTITY_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>{' '}
          <input aria-label="Entity id" placeholder="id" value={draft.entity_id} onChange={(e) => set('entity_id', e.target.value)} spellCheck={false} />
        </label>
        <button type="submit" className="btn">
          Filter
        </button>
      </form>
      <ErrorNote error={page.error} />
      {!cases ? (
        page.loading && <Loading what="cases" />
      ) : cases.length === 0 ? (
        <Empty>{before ? 'No older cases.' : 'No case matches these filters.'}</Empty>
      ) : (
        <table className={`table${page.loading ? ' stale' : ''}`} data-testid="case-list">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>Title</th>
              <th>Status</th>
              <th>Owner</th>
              <th>Tags</th>
              <th className="num">Items</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id} data-case-id={c.id}>
                <td className="num">#{c.id}</td>
                <td>
                  <Link to={casePath(c.id)}>{c.title}</Link>
                </td>
                <td>
                  <Badge tone={c.status === 'open' ? 'info' : 'ok'}>{c.status}</Badge>
                  {c.resolution && <div className="muted small">{c.resolution}</div>}
                </td>
                <td>{c.owner ? who(c.owner) : <span className="muted">unassigned</span>}</td>
                <td>
                  {c.tags.map((t) => (
                    <Badge key={t}>{t}</Badge>
                  ))}
                </td>
                <td className="num">{c.item_count}</td>
                <td className="nowrap">{formatTime(c.updated_at)}</td>
              </tr>
            ))}
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
