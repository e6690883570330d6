// Appeals, newest first, filtered by status (kept in the address), each linking to its page.
import { Link, useSearchParams } from 'react-router';
import { entityPath, formatTime, truncate } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { Empty, ErrorNote, Loading, PageHeader, Panel } from '../shared/ui';
import { AppealStatusBadge } from './AppealPage';
import type { AppealRecord, AppealStatus } from './types';
import './review.css';

const STATUSES: (AppealStatus | '')[] = ['', 'open', 'upheld', 'overturned'];

export function AppealListPage() {
  const { api } = useSession();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '') as AppealStatus | '';
  const list = useLoad((signal) => api.get<{ appeals: AppealRecord[] }>('/v1/appeals', { status, limit: 200 }, signal), [api, status]);
  return (
    <>
      <PageHeader title="Appeals" subtitle="Users contest actions within the appeal window; a moderator other than the one who decided reviews each." />
      <div className="toolbar">
        <label htmlFor="appeal-status">Status</label>
        <select id="appeal-status" value={status} onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {})}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s || 'any'}
            </option>
          ))}
        </select>
        <button type="button" className="btn" onClick={list.reload} disabled={list.loading}>
          Refresh
        </button>
      </div>
      <ErrorNote error={list.error} />
      {!list.data ? (
        <Loading what="appeals" />
      ) : list.data.appeals.length === 0 ? (
        <Empty>No {status || ''} appeals.</Empty>
      ) : (
        <Panel title={`Appeals (${list.data.appeals.length})`}>
          <table className="table" data-testid="appeals">
            <thead>
              <tr>
                <th className="num">#</th>
                <th>Filed</th>
                <th>Status</th>
                <th>Entity</th>
                <th className="num">Action</th>
                <th>Appellant</th>
                <th>Statement</th>
                <th>Decided</th>
              </tr>
            </thead>
            <tbody>
              {list.data.appeals.map((a) => (
                <tr key={a.id} data-appeal={a.id} data-status={a.status}>
                  <td className="num">
                    <Link to={`/appeals/${a.id}`}>#{a.id}</Link>
                  </td>
                  <td className="nowrap">{formatTime(a.at)}</td>
                  <td>
                    <AppealStatusBadge status={a.status} />
                  </td>
                  <td>
                    <span className="muted">{a.entity.type}</span> <Link to={entityPath(a.entity)}>{a.entity.id}</Link>
                  </td>
                  <td className="num">#{a.action_seq}</td>
                  <td>{a.appellant}</td>
                  <td dir="auto">{truncate(a.statement, 90)}</td>
                  <td className="nowrap small">{a.decided_at ? formatTime(a.decided_at) : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      )}
    </>
  );
}
