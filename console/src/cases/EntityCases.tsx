// The cases panel of an entity page: the cases the entity is in, adding it to an open case, or opening a
// new case with it.
import { useState } from 'react';
import { Link } from 'react-router';
import { seg } from '../shared/api';
import { formErrorOf, type FormError } from '../shared/form';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { Badge, Empty, ErrorNote, Panel } from '../shared/ui';
import { CASE_WRITERS, casePath, type CaseRecord } from './types';
import './cases.css';

export function EntityCases({ type, id }: { type: string; id: string }) {
  const { api, me } = useSession();
  const mayWrite = me.roles.some((r) => CASE_WRITERS.includes(r));
  const mine = useLoad((signal) => api.get<{ cases: CaseRecord[] }>(`/v1/entities/${seg(type)}/${seg(id)}/cases`, undefined, signal), [api, type, id]);
  const open = useLoad((signal) => (mayWrite ? api.get<{ cases: CaseRecord[] }>('/v1/cases', { status: 'open', limit: 200 }, signal) : Promise.resolve({ cases: [] })), [api, mayWrite]);
  const [target, setTarget] = useState('');
  const [error, setError] = useState<FormError>();
  const [notice, setNotice] = useState<string>();
  const inCase = new Set(mine.data?.cases.map((c) => c.id));
  const candidates = (open.data?.cases ?? []).filter((c) => !inCase.has(c.id));

  async function add() {
    setError(undefined);
    setNotice(undefined);
    try {
      await api.post(`/v1/cases/${seg(target)}/items`, { kind: 'entity', entity: { type, id } });
      setNotice(`Added to case #${target}.`);
      setTarget('');
      mine.reload();
    } catch (err) {
      setError(formErrorOf(err));
    }
  }

  return (
    <Panel title={`Cases (${mine.data?.cases.length ?? '…'})`} className="entity-cases">
      <ErrorNote error={mine.error} />
      {mine.data &&
        (mine.data.cases.length ? (
          <ul data-testid="entity-cases">
            {mine.data.cases.map((c) => (
              <li key={c.id}>
                <Link to={casePath(c.id)}>
                  #{c.id} {c.title}
                </Link>{' '}
                <Badge tone={c.status === 'open' ? 'info' : 'ok'}>{c.status}</Badge>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>Not in any case.</Empty>
        ))}
      {mayWrite && (
        <div className="toolbar">
          <select aria-label="Open case" value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">choose an open case</option>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                #{c.id} {c.title}
              </option>
            ))}
          </select>
          <button type="button" className="btn" disabled={!target} onClick={() => void add()}>
            Add to case
          </button>
          <Link className="btn" to={`/cases/new?entity_type=${encodeURIComponent(type)}&entity_id=${encodeURIComponent(id)}`}>
            New case with this {type}
          </Link>
        </div>
      )}
      {notice && (
        <div className="notice" role="status">
          {notice}
        </div>
      )}
      {error && <ErrorNote error={error.message} />}
    </Panel>
  );
}
