// The version history of a versioned record (policy, queue): who changed it when, and what it said.
import type { ReactNode } from 'react';
import { formatTime } from './format';
import type { RecordVersion } from './types';
import { Badge } from './ui';

export interface HistoryColumn<V> {
  label: string;
  render(version: V): ReactNode;
}

export function VersionHistory<V extends RecordVersion>({ versions, columns }: { versions: V[]; columns: HistoryColumn<V>[] }) {
  // A record with many columns scrolls inside its panel instead of widening the page.
  return (
    <div className="table-scroll">
      <table className="table history" data-testid="version-history">
        <thead>
          <tr>
            <th className="num">Version</th>
            <th>Changed</th>
            <th>By</th>
            {columns.map((c) => (
              <th key={c.label}>{c.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} data-version={v.version}>
              <td className="num">
                v{v.version} {v.archived && <Badge tone="danger">archived</Badge>}
              </td>
              <td>{formatTime(v.changed_at)}</td>
              <td className="muted" title={v.changed_by}>
                {v.changed_by.replace(/^key:[^:]+:/, '')}
              </td>
              {columns.map((c) => (
                <td key={c.label}>{c.render(v)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
