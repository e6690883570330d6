// The materials library: every package with its owner, scope, version and how many of its materials are
// active; admins and analysts create packages here.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { formatCount, formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { Badge, Empty, ErrorNote, Loading, PageHeader, Panel } from '../shared/ui';
import { packagePath, useCanEditMaterials } from './access';
import { PackageForm } from './PackageForm';
import { ScopeSummary } from './ScopeSummary';
import type { MaterialPackage, PackageInput } from './types';

export function PackageListPage() {
  const { api } = useSession();
  const canEdit = useCanEditMaterials();
  const navigate = useNavigate();
  const [showArchived, setShowArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const list = useLoad((signal) => api.get<{ packages: MaterialPackage[] }>('/v1/packages', { include_archived: showArchived || undefined }, signal), [api, showArchived]);

  async function create(draft: PackageInput) {
    const created = await api.post<MaterialPackage>('/v1/packages', draft);
    navigate(packagePath(created.id));
  }

  const packages = list.data?.packages;
  return (
    <>
      <PageHeader
        title="Materials"
        subtitle="Packages of terms, phrases, patterns, URLs and media hashes that content is checked against."
        actions={
          <>
            <Link to="/materials/try" className="btn">
              Try a text
            </Link>
            {canEdit && !creating && (
              <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
                New package
              </button>
            )}
          </>
        }
      />
      {creating && (
        <Panel title="New package" className="form-narrow">
          <PackageForm creating readOnly={false} onSave={create} onCancel={() => setCreating(false)} />
        </Panel>
      )}
      <div className="toolbar">
        <label className="check">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> Show archived
        </label>
      </div>
      <ErrorNote error={list.error} />
      {!packages ? (
        list.loading && <Loading what="packages" />
      ) : packages.length === 0 ? (
        <Empty>No packages yet.</Empty>
      ) : (
        <table className="table" data-testid="package-list">
          <thead>
            <tr>
              <th>Id</th>
              <th>Name</th>
              <th>Owner</th>
              <th>Scope</th>
              <th className="num">Version</th>
              <th className="num">Materials</th>
              <th className="num">Active</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {packages.map((p) => (
              <tr key={p.id} className={p.archived ? 'archived' : undefined}>
                <td>
                  <Link to={packagePath(p.id)}>{p.id}</Link> {p.archived && <Badge tone="danger">archived</Badge>}
                </td>
                <td>{p.name}</td>
                <td>{p.owner}</td>
                <td>
                  <ScopeSummary scope={p.scope} />
                </td>
                <td className="num">v{p.version}</td>
                <td className="num">{formatCount(p.material_count)}</td>
                <td className="num">{formatCount(p.active_count)}</td>
                <td title={p.updated_by}>{formatTime(p.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
