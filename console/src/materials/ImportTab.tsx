// Import and export of a package's materials.
import { ErrorNote } from '../shared/ui';
import { usePolicies } from './access';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { usePackage } from './PackageLayout';

export function ImportTab() {
  const { pkg, editable, reload } = usePackage();
  const policies = usePolicies();
  return (
    <div className="editor-grid import-grid">
      {editable ? (
        <div>
          <ErrorNote title="Policies not loaded" error={policies.error} />
          <ImportPanel packageId={pkg.id} policies={policies.data ?? []} onImported={reload} />
        </div>
      ) : (
        <p className="muted">{pkg.archived ? 'The package is archived: restore it to import into it.' : 'Importing needs an admin or analyst key.'}</p>
      )}
      <ExportPanel packageId={pkg.id} count={pkg.material_count} />
    </div>
  );
}
