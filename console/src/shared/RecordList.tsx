// The list page of a kind of versioned record (policy, queue): a table of every record, archived ones on request,
// and for admin keys a button to create one. The kind brings its columns; id, name, version and update are here.
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { capitalize, formatTime } from './format';
import { useLoad } from './hooks';
import type { RecordKind } from './recordKinds';
import { useSession } from './session';
import type { VersionedRecord } from './types';
import { Badge, Empty, ErrorNote, Loading, PageHeader } from './ui';

export interface RecordColumn<R> {
  label: string;
  /** Right-aligned, for numbers. */
  numeric?: boolean;
  render(record: R): ReactNode;
}

export function RecordList<R extends VersionedRecord>({ kind, subtitle, columns }: { kind: RecordKind; subtitle: string; columns: RecordColumn<R>[] }) {
  const { api, isAdmin } = useSession();
  const [showArchived, setShowArchived] = useState(false);
  const list = useLoad((signal) => api.get<Record<string, R[]>>(kind.apiPath, { include_archived: showArchived || undefined }, signal), [api, showArchived]);
  const records = list.data?.[kind.plural];
  return (
    <>
      <PageHeader
        title={capitalize(kind.plural)}
        subtitle={subtitle}
        actions={
          isAdmin && (
            <Link to={`${kind.pagePath}/new`} className="btn btn-primary">
              {`New ${kind.singular}`}
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
      {!records ? (
        list.loading && <Loading />
      ) : records.length === 0 ? (
        <Empty>{`No ${kind.plural} yet.`}</Empty>
      ) : (
        <table className="table" data-testid={`${kind.singular}-list`}>
          <thead>
            <tr>
              <th>Id</th>
              <th>Name</th>
              {columns.map((c) => (
                <th key={c.label} className={c.numeric ? 'num' : undefined}>
                  {c.label}
                </th>
              ))}
              <th className="num">Version</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={r.id} className={r.archived ? 'archived' : undefined}>
                <td>
                  <Link to={`${kind.pagePath}/${encodeURIComponent(r.id)}`}>{r.id}</Link> {r.archived && <Badge tone="danger">archived</Badge>}
                </td>
                <td>{r.name}</td>
                {columns.map((c) => (
                  <td key={c.label} className={c.numeric ? 'num' : undefined}>
                    {c.render(r)}
                  </td>
                ))}
                <td className="num">v{r.version}</td>
                <td title={r.updated_by}>{formatTime(r.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
