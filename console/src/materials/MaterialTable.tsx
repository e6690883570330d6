// One page of a package's materials: what each matches, for which policy and how severe, and its status.
import { Link } from 'react-router';
import { formatTime } from '../shared/format';
import { materialPath } from './access';
import { MaterialValue } from './MaterialValue';
import { StatusBadge } from './StatusBadge';
import { KIND_LABELS, TEXT_KINDS, type Material } from './types';

export function MaterialTable({ materials, stale, testId = 'material-table' }: { materials: Material[]; stale?: boolean; testId?: string }) {
  return (
    <table className={`table materials${stale ? ' stale' : ''}`} data-testid={testId} aria-busy={stale}>
      <thead>
        <tr>
          <th className="num">Id</th>
          <th>Kind</th>
          <th>Value</th>
          <th>Languages</th>
          <th>Policy</th>
          <th className="num">Severity</th>
          <th>Status</th>
          <th>Match</th>
          <th className="num">Changed in</th>
          <th>Updated</th>
        </tr>
      </thead>
      <tbody>
        {materials.map((m) => (
          <tr key={m.id} data-material-id={m.id} className={m.status === 'retired' ? 'archived' : undefined}>
            <td className="num">
              <Link to={materialPath(m.package_id, m.id)}>#{m.id}</Link>
            </td>
            <td className="muted nowrap">{KIND_LABELS[m.kind]}</td>
            <td className="col-value">
              <Link to={materialPath(m.package_id, m.id)} className="plain-link">
                <MaterialValue material={m} />
              </Link>
              {m.exceptions.length > 0 && <span className="muted small"> · {m.exceptions.length} exception{m.exceptions.length === 1 ? '' : 's'}</span>}
            </td>
            <td>{m.languages.length ? m.languages.map((l) => <span key={l} className="chip">{l}</span>) : <span className="muted">any</span>}</td>
            <td>
              <code>{m.policy_id}</code>
            </td>
            <td className="num">
              <span className={`tier tier-${m.severity}`}>{m.severity}</span>
            </td>
            <td>
              <StatusBadge status={m.status} />
            </td>
            <td className="muted nowrap">
              {TEXT_KINDS.includes(m.kind) ? m.match_mode : '—'}
              {m.opt_out.length > 0 && <span title={`skips normalisation: ${m.opt_out.join(', ')}`}> · skips {m.opt_out.length === 1 ? m.opt_out[0] : `${m.opt_out.length} steps`}</span>}
            </td>
            <td className="num">v{m.version}</td>
            <td className="nowrap" title={m.updated_by}>
              {formatTime(m.updated_at)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
