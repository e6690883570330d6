// One policy: create it, or view, edit and archive it, with its version history beside the form.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { seg } from '../shared/api';
import { dsaLabel } from '../shared/dsa';
import { ConfirmButton } from '../shared/form';
import { formatTime, truncate } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import type { Policy, PolicyVersion } from '../shared/types';
import { Badge, ErrorNote, Loading, PageHeader, Panel } from '../shared/ui';
import { VersionHistory } from '../shared/VersionHistory';
import { PolicyForm, type PolicyDraft } from './PolicyForm';

export function PolicyPage() {
  const { api, isAdmin } = useSession();
  const navigate = useNavigate();
  const { id } = useParams();
  const creating = id === undefined;
  const [notice, setNotice] = useState<string>();
  const [archiveError, setArchiveError] = useState<Error>();

  const policy = useLoad((signal) => (creating ? Promise.resolve(undefined) : api.get<Policy>(`/v1/policies/${seg(id)}`, undefined, signal)), [api, id]);
  const versions = useLoad(
    (signal) => (creating ? Promise.resolve(undefined) : api.get<{ versions: PolicyVersion[] }>(`/v1/policies/${seg(id)}/versions`, undefined, signal)),
    [api, id],
  );

  async function save(draft: PolicyDraft) {
    const { id: newId, ...changes } = draft;
    if (creating) {
      const created = await api.post<Policy>('/v1/policies', { id: newId, ...changes });
      navigate(`/policies/${encodeURIComponent(created.id)}`);
      return;
    }
    const saved = await api.put<Policy>(`/v1/policies/${seg(id)}`, changes);
    setNotice(`Saved as version ${saved.version}.`);
    policy.reload();
    versions.reload();
  }

  async function archive() {
    setArchiveError(undefined);
    try {
      const archived = await api.del<Policy>(`/v1/policies/${seg(id!)}`);
      setNotice(`Archived (version ${archived.version}).`);
      policy.reload();
      versions.reload();
    } catch (err) {
      setArchiveError(err as Error);
    }
  }

  const back = (
    <Link to="/policies" className="btn">
      All policies
    </Link>
  );
  if (creating) {
    return (
      <>
        <PageHeader title="New policy" actions={back} />
        {isAdmin ? (
          <Panel title="Details" className="form-narrow">
            <PolicyForm creating readOnly={false} onSave={save} />
          </Panel>
        ) : (
          <ErrorNote error="Only keys with the admin role can create policies." />
        )}
      </>
    );
  }
  if (policy.error) {
    return (
      <>
        <PageHeader title={`Policy ${id}`} actions={back} />
        <ErrorNote error={policy.error} />
      </>
    );
  }
  const p = policy.data;
  if (!p) return <Loading what="policy" />;
  const editable = isAdmin && !p.archived;
  return (
    <>
      <PageHeader
        title={
          <>
            {p.name} {p.archived && <Badge tone="danger">archived</Badge>}
          </>
        }
        subtitle={
          <>
            <code>{p.id}</code> · version {p.version} · updated {formatTime(p.updated_at)} by {p.updated_by}
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
      {p.archived && <p className="muted">Archived policies are kept for history and cannot be edited.</p>}
      {!isAdmin && <p className="muted">Read only: editing needs a key with the admin role.</p>}
      <div className="editor-grid">
        <Panel title={editable ? 'Edit' : 'Definition'}>
          <PolicyForm key={`${p.id}@${p.version}`} initial={p} creating={false} readOnly={!editable} onSave={save} />
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
                { label: 'Tier', render: (v) => v.severity_tier },
                { label: 'DSA category', render: (v) => dsaLabel(v.dsa_category) },
                { label: 'Definition', render: (v) => <span title={v.definition}>{truncate(v.definition, 80)}</span> },
              ]}
            />
          )}
        </Panel>
      </div>
    </>
  );
}
