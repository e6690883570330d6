// Entity search: by type and id prefix, most recently seen first. The query lives in the URL so it can be
// shared and survives the back button.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { entityPath, formatCount, formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useApi } from '../shared/session';
import { ENTITY_TYPES, type Entity } from '../shared/types';
import { Badge, Empty, ErrorNote, Loading, PageHeader } from '../shared/ui';

export function EntitySearchPage() {
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const type = params.get('type') ?? '';
  const q = params.get('q') ?? '';
  const [draftType, setDraftType] = useState(type);
  const [draftQ, setDraftQ] = useState(q);
  useEffect(() => {
    setDraftType(type);
    setDraftQ(q);
  }, [type, q]);

  const result = useLoad((signal) => api.get<{ entities: Entity[] }>('/v1/entities', { type, q, limit: 50 }, signal), [api, type, q]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draftType) next.set('type', draftType);
    if (draftQ.trim()) next.set('q', draftQ.trim());
    setParams(next);
  }

  return (
    <>
      <PageHeader title="Entities" subtitle="Accounts, content, livestreams, shops, devices, payment instruments and IPs seen in events." />
      <form className="toolbar" role="search" onSubmit={submit}>
        <label>
          Type{' '}
          <select name="type" value={draftType} onChange={(e) => setDraftType(e.target.value)}>
            <option value="">any type</option>
            {ENTITY_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          Id starts with{' '}
          <input name="q" type="search" value={draftQ} placeholder="e.g. acct_12" onChange={(e) => setDraftQ(e.target.value)} spellCheck={false} />
        </label>
        <button type="submit" className="btn btn-primary">
          Search
        </button>
      </form>
      <ErrorNote error={result.error} />
      {result.loading && !result.data ? (
        <Loading />
      ) : result.data && result.data.entities.length === 0 ? (
        <Empty>No entities match.</Empty>
      ) : result.data ? (
        <table className={`table${result.loading ? ' stale' : ''}`} data-testid="entity-results" aria-busy={result.loading}>
          <thead>
            <tr>
              <th>Type</th>
              <th>Id</th>
              <th>Labels</th>
              <th className="num">Events</th>
              <th>First seen</th>
              <th>Last seen</th>
            </tr>
          </thead>
          <tbody>
            {result.data.entities.map((e) => (
              <tr key={`${e.type}:${e.id}`}>
                <td className="muted">{e.type}</td>
                <td>
                  <Link to={entityPath(e)}>{e.id}</Link>
                </td>
                <td>
                  {e.labels.map((l) => (
                    <Badge key={l} tone="warn">
                      {l}
                    </Badge>
                  ))}
                </td>
                <td className="num">{formatCount(e.event_count)}</td>
                <td>{formatTime(e.first_seen)}</td>
                <td>{formatTime(e.last_seen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
