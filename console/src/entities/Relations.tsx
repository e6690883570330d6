// An entity's relations in one direction, each linking to the related entity's page.
import { Link } from 'react-router';
import { entityPath, formatTime } from '../shared/format';
import type { Related } from '../shared/types';

export function Relations({ items, direction, testId }: { items: Related[]; direction: 'outgoing' | 'incoming'; testId: string }) {
  if (items.length === 0) return <p className="empty">No {direction} relations.</p>;
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th title={direction === 'outgoing' ? 'this entity → related entity' : 'related entity → this entity'}>Relation</th>
          <th>Type</th>
          <th>Id</th>
          <th>Last seen</th>
        </tr>
      </thead>
      <tbody>
        {items.map((r) => (
          <tr key={`${r.kind}:${r.type}:${r.id}`}>
            <td>
              <code>{r.kind}</code>
            </td>
            <td className="muted">{r.type}</td>
            <td>
              <Link to={entityPath(r)}>{r.id}</Link>
            </td>
            <td>{formatTime(r.last_seen)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
