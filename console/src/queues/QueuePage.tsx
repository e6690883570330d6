// One review queue: create it, or view, edit and archive it, with its version history.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { seg } from '../shared/api';
import { ConfirmButton } from '../shared/form';
import { formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import type { Policy, Queue, QueueVersion } from '../shared/types';
import { Badge, ErrorNote, Loading, PageHeader, Panel } from '../shared/ui';
import { VersionHistory } from '../shared/VersionHistory';
import { QueueForm, type QueueDraft } from './QueueForm';

export function QueuePage() {
  const { api, isAdmin } = useSession();
  const navigate = useNavigate();
  const { id } = useParams();
  const creating = id === undefined;
  const [notice, setNotice] = useState<string>();
  const [archiveError, setArchiveError] = useState<Error>();

  const queue = useLoad((signal) => (creating ? Promise.resolve(undefined) : api.get<Queue>(`/v1/queues/${seg(id)}`, undefined, signal)), [api, id]);
  const versions = useLoad(
    (signal) => (creating ? Promise.resolve(undefined) : api.get<{ versions: QueueVersion[] }>(`/v1/queues/${seg(id)}/versions`, undefined, signal)),
    [api, id],
  );
  const policies = useLoad((signal) => api.get<{ policies: Policy[] }>('/v1/policies', undefined, signal), [api]);

  async function save(draft: QueueDraft) {
    const { id: newId, ...changes } = draft;
    if (creating) {
      const created = await api.post<Queue>('/v1/queues', { id: newId, ...changes });
      navigate(`/queues/${encodeURIComponent(created.id)}`);
      return;
    }
    const saved = await api.put<Queue>(`/v1/queues/${seg(id)}`, changes);
    setNotice(`Saved as version ${saved.version}.`);
    queue.reload();
    versions.reload();
  }

  async function archive() {
    setArchiveError(undefined);
    try {
      const archived = await api.del<Queue>(`/v1/queues/${seg(id!)}`);
      setNotice(`Archived (version ${archived.version}).`);
      queue.reload();
      versions.reload();
    } catch (err) {
      setArchiveError(err as Error);
    }
  }

  const back = (
    <Link to="/queues" className="btn">
      All queues
    </Link>
  );
  const policyList = policies.data?.policies;
  if (creating) {
    return (
      <>
        <PageHeader title="New queue" actions={back} />
        <ErrorNote title="Policies not loaded" error={policies.error} />
        {!isAdmin ? (
          <ErrorNote error="Only keys with the admin role can create queues." />
        ) : policyList ? (
          <Panel title="Details" className="form-narrow">
            <QueueForm creating readOnly={false} policies={policyList} onSave={save} />
          </Panel>
        ) : (
          <Loading what="policies" />
        )}
      </>
    );
  }
  if (queue.error) {
    return (
      <>
        <PageHeader title={`Queue ${id}`} actions={back} />
        <ErrorNote error={queue.error} />
      </>
    );
  }
  const q = queue.data;
  if (!q || !policyList) return <Loading what="queue" />;
  const editable = isAdmin && !q.archived;
  return (
    <>
      <PageHeader
        title={
          <>
            {q.name} {q.archived && <Badge tone="danger">archived</Badge>}
          </>
        }
        subtitle={
          <>
            <code>{q.id}</code> · version {q.version} · updated {formatTime(q.updated_at)} by {q.updated_by}
          </>
        }
        actions={
          <>
            {editable && <ConfirmButton label="Archive" confirmLabel="Confirm archive" onConfirm={archive} />}
            {back}
          </>
        }
      />
      {notice && (
        <div className="notice" role="status">
          {notice}
        </div>
      )}
      <ErrorNote title="Not archived" error={archiveError} />
      {q.archived && <p className="muted">Archived queues are kept for history and cannot be edited.</p>}
      {!isAdmin && <p className="muted">Read only: editing needs a key with the admin role.</p>}
      <div className="editor-grid">
        <Panel title={editable ? 'Edit' : 'Settings'}>
          <QueueForm key={`${q.id}@${q.version}`} initial={q} policies={policyList} creating={false} readOnly={!editable} onSave={save} />
        </Panel>
        <Panel title="Version history">
          {versions.error ? (
            <ErrorNote error={versions.error} />
          ) : !versions.data ? (
            <Loading />
          ) : (
            <VersionHistory
              versions={versions.data.versions}
              columns={[
                { label: 'Name', render: (v) => v.name },
                { label: 'Policies', render: (v) => v.policies.join(', ') || '—' },
                { label: 'Languages', render: (v) => v.languages.join(', ') || 'any' },
              ]}
            />
          )}
        </Panel>
      </div>
    </>
  );
}
