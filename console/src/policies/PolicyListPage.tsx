// The policy catalogue: every policy with its tier, DSA category and version; admins can add one.
import { useState } from 'react';
import { Link } from 'react-router';
import { dsaLabel } from '../shared/dsa';
import { formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import type { Policy } from '../shared/types';
import { Badge, Empty, ErrorNote, Loading, PageHeader } from '../shared/ui';

export function PolicyListPage() {
  const { api, isAdmin } = useSession();
  const [showArchived, setShowArchived] = useState(false);
  const list = useLoad((signal) => api.get<{ policies: Policy[] }>('/v1/policies', { include_archived: showArchived || undefined }, signal), [api, showArchived]);
  return (
    <>
      <PageHeader
        title="Policies"
        subtitle="What is not allowed on the platform, how severe it is, and its EU DSA category."
        actions={
          isAdmin && (
            <Link to="/policies/new" className="btn btn-primary">
              New policy
            </Link>
          )
        }
      />
      <div className="toolbar">
        <label className="check">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> Show archived
        </label>
      </div>
      <ErrorNote error={list.error} />
      {!list.data ? (
        list.loading && <Loading />
      ) : list.data.policies.length === 0 ? (
        <Empty>No policies yet.</Empty>
      ) : (
        <table className="table" data-testid="policy-list">
          <thead>
            <tr>
              <th>Id</th>
              <th>Name</th>
              <th className="num">Tier</th>
              <th>DSA category</th>
              <th className="num">Version</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {list.data.policies.map((p) => (
              <tr key={p.id} className={p.archived ? 'archived' : undefined}>
                <td>
                  <Link to={`/policies/${encodeURIComponent(p.id)}`}>{p.id}</Link> {p.archived && <Badge tone="danger">archived</Badge>}
                </td>
                <td>{p.name}</td>
                <td className="num">
                  <span className={`tier tier-${p.severity_tier}`}>{p.severity_tier}</span>
                </td>
                <td>{dsaLabel(p.dsa_category)}</td>
                <td className="num">v{p.version}</td>
                <td title={p.updated_by}>{formatTime(p.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
