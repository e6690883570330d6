// The page of one versioned record (policy, queue) at <pagePath>/new or <pagePath>/:id: create it, or view,
// edit and archive it, with its version history beside the form. Only admin keys may create, edit or archive;
// other keys see the form read-only. The kind brings its form and its history columns; the rest is here.
import { Fragment, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { seg } from './api';
import { ConfirmButton } from './form';
import { capitalize, formatTime } from './format';
import { useLoad, type Loaded } from './hooks';
import type { RecordFormProps } from './RecordForm';
import type { RecordKind } from './recordKinds';
import { useSession } from './session';
import type { RecordVersion, VersionedRecord } from './types';
import { Badge, ErrorNote, Loading, PageHeader, Panel } from './ui';
import { VersionHistory, type HistoryColumn } from './VersionHistory';

/** Data the form needs before it can be shown (the queue form's policy catalogue), named for the notes. */
export interface FormNeeds<N> {
  /** "policies": "Loading policies…", "Policies not loaded: …". */
  what: string;
  loaded: Loaded<N>;
}

export function VersionedRecordPage<R extends VersionedRecord, V extends RecordVersion, D extends { id: string }, N = undefined>({
  kind,
  readOnlyPanelTitle,
  historyColumns,
  formNeeds,
  renderForm,
  after,
}: {
  kind: RecordKind;
  /** The form panel's title when the record cannot be edited ("Edit" when it can). */
  readOnlyPanelTitle: string;
  /** The version history's columns after version, time and author. */
  historyColumns: HistoryColumn<V>[];
  formNeeds?: FormNeeds<N>;
  /** The kind's form; `needed` is formNeeds' data, loaded by the time the form is shown. */
  renderForm(props: RecordFormProps<R, D>, needed: N): ReactNode;
  /** More about an existing record, below its editor (a queue's thresholds). */
  after?: ReactNode;
}) {
  const { api, isAdmin } = useSession();
  const navigate = useNavigate();
  const { id } = useParams();
  const creating = id === undefined;
  const [notice, setNotice] = useState<string>();
  const [archiveError, setArchiveError] = useState<Error>();

  const record = useLoad((signal) => (creating ? Promise.resolve(undefined) : api.get<R>(`${kind.apiPath}/${seg(id)}`, undefined, signal)), [api, id]);
  const versions = useLoad(
    (signal) => (creating ? Promise.resolve(undefined) : api.get<{ versions: V[] }>(`${kind.apiPath}/${seg(id)}/versions`, undefined, signal)),
    [api, id],
  );

  async function save(draft: D) {
    const { id: newId, ...changes } = draft;
    if (creating) {
      const created = await api.post<R>(kind.apiPath, { id: newId, ...changes });
      navigate(`${kind.pagePath}/${encodeURIComponent(created.id)}`);
      return;
    }
    const saved = await api.put<R>(`${kind.apiPath}/${seg(id)}`, changes);
    setNotice(`Saved as version ${saved.version}.`);
    record.reload();
    versions.reload();
  }

  async function archive() {
    setArchiveError(undefined);
    try {
      const archived = await api.del<R>(`${kind.apiPath}/${seg(id!)}`);
      setNotice(`Archived (version ${archived.version}).`);
      record.reload();
      versions.reload();
    } catch (err) {
      setArchiveError(err as Error);
    }
  }

  const back = (
    <Link to={kind.pagePath} className="btn">
      {`All ${kind.plural}`}
    </Link>
  );
  const needed = formNeeds?.loaded.data as N;
  const formReady = !formNeeds || formNeeds.loaded.data !== undefined;
  if (creating) {
    return (
      <>
        <PageHeader title={`New ${kind.singular}`} actions={back} />
        {formNeeds && <ErrorNote title={`${capitalize(formNeeds.what)} not loaded`} error={formNeeds.loaded.error} />}
        {!isAdmin ? (
          <ErrorNote error={`Only keys with the admin role can create ${kind.plural}.`} />
        ) : formReady ? (
          <Panel title="Details" className="form-narrow">
            {renderForm({ creating: true, readOnly: false, onSave: save }, needed)}
          </Panel>
        ) : (
          <Loading what={formNeeds?.what} />
        )}
      </>
    );
  }
  if (record.error) {
    return (
      <>
        <PageHeader title={`${capitalize(kind.singular)} ${id}`} actions={back} />
        <ErrorNote error={record.error} />
      </>
    );
  }
  const r = record.data;
  if (!r || !formReady) return <Loading what={kind.singular} />;
  const editable = isAdmin && !r.archived;
  return (
    <>
      <PageHeader
        title={
          <>
            {r.name} {r.archived && <Badge tone="danger">archived</Badge>}
          </>
        }
        subtitle={
          <>
            <code>{r.id}</code> · version {r.version} · updated {formatTime(r.updated_at)} by {r.updated_by}
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
      {r.archived && <p className="muted">{`Archived ${kind.plural} are kept for history and cannot be edited.`}</p>}
      {!isAdmin && <p className="muted">Read only: editing needs a key with the admin role.</p>}
      <div className="editor-grid">
        <Panel title={editable ? 'Edit' : readOnlyPanelTitle}>
          {/* A new version (saved, archived) starts the form afresh from it. */}
          <Fragment key={`${r.id}@${r.version}`}>{renderForm({ initial: r, creating: false, readOnly: !editable, onSave: save }, needed)}</Fragment>
        </Panel>
        <Panel title="Version history">
          {versions.error ? <ErrorNote error={versions.error} /> : !versions.data ? <Loading /> : <VersionHistory versions={versions.data.versions} columns={historyColumns} />}
        </Panel>
      </div>
      {after}
    </>
  );
}
