// One case: its status, owner and tags (changed in place), the items it links with a form to add more, a
// note box, close (with a resolution) and reopen, and the timeline of every change, oldest first.
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, seg } from '../shared/api';
import { entityPath, formatTime } from '../shared/format';
import { formErrorOf, type FormError } from '../shared/form';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { ENTITY_TYPES } from '../shared/types';
import { Badge, Empty, ErrorNote, Loading, PageHeader, Panel } from '../shared/ui';
import { decisionPath } from '../decisions/types';
import { CASE_WRITERS, parseTags, who, type CaseDetail, type CaseItem, type TimelineEntry } from './types';
import './cases.css';

function ItemView({ item }: { item: CaseItem }) {
  switch (item.kind) {
    case 'entity':
      return (
        <Link to={entityPath(item.entity!)}>
          <span className="muted">{item.entity!.type}</span> {item.entity!.id}
        </Link>
      );
    case 'decision':
      return <Link to={decisionPath(item.target_id!)}>decision #{item.target_id}</Link>;
    case 'action':
      return <Link to={`/actions?before=${item.target_id! + 1}&focus=${item.target_id}`}>action #{item.target_id}</Link>;
    case 'review_task':
      return <span>review task #{item.target_id}</span>;
    case 'verdict':
      return <span>verdict #{item.target_id}</span>;
    case 'evidence': {
      const e = item.evidence!;
      if (e.type === 'url')
        return (
          <a href={e.url} target="_blank" rel="noopener noreferrer nofollow">
            {e.url}
          </a>
        );
      if (e.type === 'media') return <code title={e.sha256}>media {e.sha256.slice(0, 16)}…</code>;
      return <q className="evidence-text">{e.text}</q>;
    }
  }
}

function timelineText(t: TimelineEntry): ReactNode {
  const d = t.details as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  switch (t.kind) {
    case 'created':
      return <>opened the case “{d.title}”</>;
    case 'item_added':
      return (
        <>
          added {d.label}
          {d.note && <span className="muted"> — {d.note}</span>}
        </>
      );
    case 'item_removed':
      return (
        <>
          removed {d.label}
          {d.reason && <span className="muted"> — {d.reason}</span>}
        </>
      );
    case 'note':
      return <span className="timeline-note">{d.text}</span>;
    case 'owner_changed':
      return (
        <>
          changed the owner from {d.from ? who(d.from) : 'unassigned'} to {d.to ? who(d.to) : 'unassigned'}
        </>
      );
    case 'updated':
      return <>changed {Object.keys(d.changes ?? {}).join(', ')}</>;
    case 'closed':
      return <>closed the case: {d.resolution}</>;
    case 'reopened':
      return <>reopened the case{d.reason ? `: ${d.reason}` : ''}</>;
    default:
      return t.kind;
  }
}

type ItemKind = 'entity' | 'decision' | 'action' | 'review_task' | 'verdict' | 'url' | 'media' | 'text';
const KIND_LABELS: Record<ItemKind, string> = { entity: 'Entity', decision: 'Decision', action: 'Action', review_task: 'Review task', verdict: 'Verdict', url: 'Link (URL)', media: 'Media (sha256)', text: 'Text' };

function itemBody(kind: ItemKind, type: string, value: string, note: string): unknown {
  const n = note.trim() ? { note } : {};
  switch (kind) {
    case 'entity':
      return { kind, entity: { type, id: value.trim() }, ...n };
    case 'decision':
    case 'action':
    case 'review_task':
    case 'verdict':
      return { kind, id: Number(value), ...n };
    case 'url':
      return { kind: 'evidence', evidence: { type: 'url', url: value.trim() }, ...n };
    case 'media':
      return { kind: 'evidence', evidence: { type: 'media', sha256: value.trim() }, ...n };
    case 'text':
      return { kind: 'evidence', evidence: { type: 'text', text: value }, ...n };
  }
}

export function CasePage() {
  const { api, me } = useSession();
  const mayWrite = me.roles.some((r) => CASE_WRITERS.includes(r));
  const { id = '' } = useParams();
  const detail = useLoad((signal) => api.get<CaseDetail>(`/v1/cases/${seg(id)}`, undefined, signal), [api, id]);
  const [error, setError] = useState<FormError>();
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState<ItemKind>('entity');
  const [entityType, setEntityType] = useState<string>('account');
  const [value, setValue] = useState('');
  const [itemNote, setItemNote] = useState('');
  const [note, setNote] = useState('');
  const [resolution, setResolution] = useState('');
  const [editing, setEditing] = useState(false);
  const [owner, setOwner] = useState('');
  const [tags, setTags] = useState('');

  async function run(what: () => Promise<unknown>, after?: () => void) {
    setBusy(true);
    setError(undefined);
    try {
      await what();
      after?.();
      detail.reload();
    } catch (err) {
      setError(formErrorOf(err));
    } finally {
      setBusy(false);
    }
  }
  const path = `/v1/cases/${seg(id)}`;
  const addItem = (e: FormEvent) => {
    e.preventDefault();
    void run(
      () => api.post(`${path}/items`, itemBody(kind, entityType, value, itemNote)),
      () => {
        setValue('');
        setItemNote('');
      },
    );
  };
  const addNote = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api.post(`${path}/notes`, { text: note }), () => setNote(''));
  };
  const close = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api.post(`${path}/close`, { resolution }), () => setResolution(''));
  };
  const saveMeta = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api.patch(path, { owner: owner.trim() || null, tags: parseTags(tags) }), () => setEditing(false));
  };

  if (detail.error) {
    const missing = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <>
        <PageHeader title={`Case #${id}`} actions={<Link to="/cases" className="btn">All cases</Link>} />
        {missing ? <Empty>There is no case #{id}.</Empty> : <ErrorNote error={detail.error} />}
      </>
    );
  }
  const c = detail.data;
  if (!c) return <Loading what={`case #${id}`} />;
  const open = c.status === 'open';

  return (
    <>
      <PageHeader
        title={
          <>
            <span className="muted">#{c.id}</span> {c.title}
          </>
        }
        subtitle={`Opened ${formatTime(c.created_at)} by ${who(c.created_by)} · updated ${formatTime(c.updated_at)}`}
        actions={
          <>
            <button type="button" className="btn" onClick={detail.reload} disabled={detail.loading}>
              Refresh
            </button>
            <Link to="/cases" className="btn">
              All cases
            </Link>
          </>
        }
      />
      <div className="case-meta" data-testid="case-meta">
        <Badge tone={open ? 'info' : 'ok'}>
          <span data-testid="case-status">{c.status}</span>
        </Badge>
        {!open && (
          <span data-testid="case-resolution">
            Resolution: {c.resolution} <span className="muted small">({who(c.closed_by ?? '')}, {formatTime(c.closed_at!)})</span>
          </span>
        )}
        <span>
          Owner: <strong data-testid="case-owner">{c.owner ? who(c.owner) : 'unassigned'}</strong>
        </span>
        <span>
          {c.tags.map((t) => (
            <Badge key={t}>{t}</Badge>
          ))}
        </span>
        {mayWrite && !editing && (
          <button
            type="button"
            className="btn-link"
            onClick={() => {
              setOwner(c.owner ?? '');
              setTags(c.tags.join(', '));
              setEditing(true);
            }}
          >
            Change owner or tags
          </button>
        )}
      </div>
      {editing && (
        <form className="toolbar" onSubmit={saveMeta} aria-label="Owner and tags">
          <label>
            Owner <input aria-label="Case owner" value={owner} onChange={(e) => setOwner(e.target.value)} />
          </label>
          <label>
            Tags <input aria-label="Case tags" value={tags} onChange={(e) => setTags(e.target.value)} />
          </label>
          <button type="submit" className="btn" disabled={busy}>
            Save
          </button>
          <button type="button" className="btn-link" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      )}
      {c.description && <p className="case-description">{c.description}</p>}
      {error && (
        <div className="error-note" role="alert" data-testid="case-error">
          <strong>Not done{error.status ? ` (${error.status})` : ''}: </strong>
          {error.message}
        </div>
      )}
      <div className="case-grid">
        <div>
          <Panel title={`Items (${c.items.length})`}>
            {c.items.length ? (
              <table className="table" data-testid="case-items">
                <tbody>
                  {c.items.map((item) => (
                    <tr key={item.id} data-item-id={item.id} data-kind={item.kind}>
                      <td className="muted small nowrap">{item.kind.replace('_', ' ')}</td>
                      <td>
                        <ItemView item={item} />
                        {item.note && <div className="muted small">{item.note}</div>}
                      </td>
                      <td className="muted small nowrap">
                        {who(item.added_by)}, {formatTime(item.added_at)}
                      </td>
                      <td>
                        {mayWrite && open && (
                          <button type="button" className="btn-link" aria-label={`Remove item ${item.id}`} onClick={() => void run(() => api.del(`${path}/items/${item.id}`))} disabled={busy}>
                            Remove
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <Empty>Nothing linked yet.</Empty>
            )}
            {mayWrite && open && (
              <form className="toolbar case-add" onSubmit={addItem} aria-label="Add an item" data-testid="add-item-form">
                <select aria-label="Item kind" value={kind} onChange={(e) => setKind(e.target.value as ItemKind)}>
                  {(Object.keys(KIND_LABELS) as ItemKind[]).map((k) => (
                    <option key={k} value={k}>
                      {KIND_LABELS[k]}
                    </option>
                  ))}
                </select>
                {kind === 'entity' && (
                  <select aria-label="Item entity type" value={entityType} onChange={(e) => setEntityType(e.target.value)}>
                    {ENTITY_TYPES.map((t) => (
                      <option key={t}>{t}</option>
                    ))}
                  </select>
                )}
                <input aria-label="Item" placeholder={kind === 'entity' ? 'entity id' : kind === 'url' ? 'https://…' : kind === 'text' ? 'text' : kind === 'media' ? 'sha256' : 'id'} value={value} onChange={(e) => setValue(e.target.value)} required spellCheck={false} />
                <input aria-label="Why it belongs" placeholder="why (optional)" value={itemNote} onChange={(e) => setItemNote(e.target.value)} />
                <button type="submit" className="btn" disabled={busy}>
                  Add item
                </button>
              </form>
            )}
          </Panel>
          {mayWrite && (
            <Panel title="Add a note">
              <form onSubmit={addNote} aria-label="Add a note">
                <textarea aria-label="Note" rows={3} className="case-note-input" value={note} onChange={(e) => setNote(e.target.value)} required />
                <div className="form-actions">
                  <button type="submit" className="btn" disabled={busy}>
                    Add note
                  </button>
                </div>
              </form>
            </Panel>
          )}
          {mayWrite && (
            <Panel title={open ? 'Close the case' : 'Reopen the case'}>
              {open ? (
                <form className="toolbar" onSubmit={close} aria-label="Close the case">
                  <input aria-label="Resolution" placeholder="resolution" value={resolution} onChange={(e) => setResolution(e.target.value)} required className="case-resolution-input" />
                  <button type="submit" className="btn btn-primary" disabled={busy}>
                    Close case
                  </button>
                </form>
              ) : (
                <button type="button" className="btn" onClick={() => void run(() => api.post(`${path}/reopen`, {}))} disabled={busy}>
                  Reopen case
                </button>
              )}
            </Panel>
          )}
        </div>
        <Panel title={`Timeline (${c.timeline.length})`}>
          <ol className="case-timeline" data-testid="case-timeline">
            {c.timeline.map((t) => (
              <li key={t.seq} data-kind={t.kind}>
                <div className="muted small">
                  {formatTime(t.at)} · {who(t.actor)}
                </div>
                <div>{timelineText(t)}</div>
              </li>
            ))}
          </ol>
        </Panel>
      </div>
    </>
  );
}
