// The frame of one package's pages (/materials/:id/...): the header with its version, scope and actions,
// the tabs, and the package handed to the tab below through the outlet context, so a tab that changes the
// package (a new material, an import) reloads the header's version and counts too.
import { useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useOutletContext, useParams } from 'react-router';
import { seg } from '../shared/api';
import { ConfirmButton } from '../shared/form';
import { formatCount, formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { Badge, ErrorNote, Loading, PageHeader } from '../shared/ui';
import { packagePath, useCanEditMaterials } from './access';
import { ScopeSummary } from './ScopeSummary';
import type { MaterialPackage } from './types';

export interface PackageContext {
  pkg: MaterialPackage;
  /** The key may change materials and the package is not archived. */
  editable: boolean;
  /** Call after a change so the header shows the new version and counts. */
  reload(): void;
}

export const usePackage = () => useOutletContext<PackageContext>();

const TABS = [
  { to: '', label: 'Materials', end: true },
  { to: 'try', label: 'Try it', end: false },
  { to: 'hashes', label: 'Hash bank', end: false },
  { to: 'import', label: 'Import & export', end: false },
  { to: 'history', label: 'Edit & history', end: false },
];

export function PackageLayout() {
  const { api } = useSession();
  const canEdit = useCanEditMaterials();
  const { id = '' } = useParams();
  const record = useLoad((signal) => api.get<MaterialPackage>(`/v1/packages/${seg(id)}`, undefined, signal), [api, id]);
  const [notice, setNotice] = useState<string>();
  const [actionError, setActionError] = useState<Error>();
  const { pathname } = useLocation();

  async function setArchived(archived: boolean) {
    setActionError(undefined);
    try {
      const p = archived ? await api.del<MaterialPackage>(`/v1/packages/${seg(id)}`) : await api.put<MaterialPackage>(`/v1/packages/${seg(id)}`, { ...withoutMeta(record.data!), archived: false });
      setNotice(`${archived ? 'Archived' : 'Restored'} (version ${p.version}).`);
      record.reload();
    } catch (err) {
      setActionError(err as Error);
    }
  }

  const back = (
    <Link to="/materials" className="btn">
      All packages
    </Link>
  );
  if (record.error) {
    return (
      <>
        <PageHeader title={`Package ${id}`} actions={back} />
        <ErrorNote error={record.error} />
      </>
    );
  }
  // Moving to another package keeps the last one's data while loading: do not show it under the new address.
  const pkg = record.data?.id === id ? record.data : undefined;
  if (!pkg) return <Loading what="package" />;
  const editable = canEdit && !pkg.archived;
  const context: PackageContext = { pkg, editable, reload: record.reload };
  return (
    <>
      <PageHeader
        title={
          <>
            {pkg.name} {pkg.archived && <Badge tone="danger">archived</Badge>}
          </>
        }
        subtitle={
          <>
            <code>{pkg.id}</code> · <span data-testid="package-version">version {pkg.version}</span> · owner {pkg.owner} · {formatCount(pkg.material_count)} materials, {formatCount(pkg.active_count)} active · updated {formatTime(pkg.updated_at)} by{' '}
            {pkg.updated_by.replace(/^key:[^:]+:/, '')}
            <br />
            <ScopeSummary scope={pkg.scope} />
          </>
        }
        actions={
          <>
            {editable && (
              <Link to={packagePath(pkg.id, 'new')} className="btn btn-primary">
                Add material
              </Link>
            )}
            {canEdit && (
              <Link to={packagePath(pkg.id, 'history')} className="btn">
                Edit
              </Link>
            )}
            {editable && <ConfirmButton label="Archive" confirmLabel="Confirm archive" onConfirm={() => void setArchived(true)} />}
            {canEdit && pkg.archived && (
              <button type="button" className="btn" onClick={() => void setArchived(false)}>
                Restore
              </button>
            )}
            {back}
          </>
        }
      />
      {notice && (
        <div className="notice" role="status">
          {notice}
        </div>
      )}
      <ErrorNote title="Not changed" error={actionError} />
      {pkg.archived && <p className="muted">An archived package matches nothing; its materials are kept and cannot be changed until it is restored.</p>}
      <nav className="tabs" aria-label="Package">
        {TABS.map((t) => (
          <NavLink
            key={t.label}
            to={t.to ? packagePath(pkg.id, t.to) : packagePath(pkg.id)}
            end={t.end}
            // A material's page and the add form belong to the Materials tab.
            className={({ isActive }) => `tab${isActive || (!t.to && /\/(m\/\d+|new)$/.test(pathname)) ? ' active' : ''}`}
          >
            {t.label}
          </NavLink>
        ))}
      </nav>
      <Outlet context={context} />
    </>
  );
}

/** The editable part of a package (what PUT takes). */
export const withoutMeta = ({ name, description, owner, scope }: MaterialPackage) => ({ name, description, owner, scope });
