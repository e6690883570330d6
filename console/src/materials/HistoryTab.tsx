// A package's details and versions: edit its name, owner, description and scope (a new version), and
// every version with what changed (material edits and imports make versions too).
import { Fragment, useState } from 'react';
import { seg } from '../shared/api';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { ErrorNote, Loading, Panel } from '../shared/ui';
import { VersionHistory } from '../shared/VersionHistory';
import { PackageForm } from './PackageForm';
import { usePackage } from './PackageLayout';
import type { MaterialPackage, PackageInput, PackageVersion } from './types';

export function HistoryTab() {
  const { api } = useSession();
  const { pkg, editable, reload } = usePackage();
  const [notice, setNotice] = useState<string>();
  const versions = useLoad((signal) => api.get<{ versions: PackageVersion[] }>(`/v1/packages/${seg(pkg.id)}/versions`, undefined, signal), [api, pkg.id, pkg.version]);

  async function save({ id: _id, ...changes }: PackageInput) {
    const saved = await api.put<MaterialPackage>(`/v1/packages/${seg(pkg.id)}`, changes);
    setNotice(saved.version === pkg.version ? 'Nothing changed.' : `Saved as version ${saved.version}.`);
    reload();
  }

  // The shared history table marks archived versions; a package's version says so in its summary.
  const rows = versions.data?.versions.map((v) => ({ ...v, archived: v.summary === 'archived' }));
  return (
    <div className="editor-grid">
      <Panel title={editable ? 'Edit package' : 'Package'}>
        {notice && (
          <div className="notice" role="status">
            {notice}
          </div>
        )}
        <Fragment key={pkg.version}>
          <PackageForm initial={pkg} creating={false} readOnly={!editable} onSave={save} />
        </Fragment>
      </Panel>
      <Panel title="Version history">
        {versions.error ? <ErrorNote error={versions.error} /> : !rows ? <Loading /> : <VersionHistory versions={rows} columns={[{ label: 'What changed', render: (v) => <span className="break-anywhere">{v.summary}</span> }]} />}
      </Panel>
    </div>
  );
}
