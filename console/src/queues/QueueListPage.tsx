// The review-queue registry: each queue with the policies and languages it reviews; admins can add one.
import { useState } from 'react';
import { Link } from 'react-router';
import { formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import type { Queue } from '../shared/types';
import { Badge, Empty, ErrorNote, Loading, PageHeader } from '../shared/ui';

export function QueueListPage() {
  const { api, isAdmin } = useSession();
  const [showArchived, setShowArchived] = useState(false);
  const list = useLoad((signal) => api.get<{ queues: Queue[] }>('/v1/queues', { include_archived: showArchived || undefined }, signal), [api, showArchived]);
  return (
    <>
      <PageHeader
        title="Queues"
        subtitle="Where items wait for human review, by policy and language."
        actions={
          isAdmin && (
            <Link to="/queues/new" className="btn btn-primary">
              New queue
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
      ) : list.data.queues.length === 0 ? (
        <Empty>No queues yet.</Empty>
      ) : (
        <table className="table" data-testid="queue-list">
          <thead>
            <tr>
              <th>Id</th>
              <th>Name</th>
              <th>Policies</th>
              <th>Languages</th>
              <th className="num">Version</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {list.data.queues.map((q) => (
              <tr key={q.id} className={q.archived ? 'archived' : undefined}>
                <td>
                  <Link to={`/queues/${encodeURIComponent(q.id)}`}>{q.id}</Link> {q.archived && <Badge tone="danger">archived</Badge>}
                </td>
                <td>{q.name}</td>
                <td>
                  {q.policies.map((p) => (
                    <code key={p} className="chip">
                      {p}
                    </code>
                  ))}
                </td>
                <td>{q.languages.length ? q.languages.join(', ') : <span className="muted">any</span>}</td>
                <td className="num">v{q.version}</td>
                <td title={q.updated_by}>{formatTime(q.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
