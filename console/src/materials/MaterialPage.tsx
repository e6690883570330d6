// One material: edit it (a new package version), retire it, see its hits over the last week (live vs test)
// and its recent hits, and every version it went through.
import { Fragment, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { ConfirmButton } from '../shared/form';
import { formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { ErrorNote, Loading, Panel } from '../shared/ui';
import { usePolicies } from './access';
import { HitsPanel } from './HitsPanel';
import { PrecisionPanel } from '../review/PrecisionPanel';
import { MaterialForm } from './MaterialForm';
import { MaterialValue } from './MaterialValue';
import { usePackage } from './PackageLayout';
import { StatusBadge } from './StatusBadge';
import { KIND_LABELS, type Material, type MaterialHistoryEntry, type MaterialInput } from './types';

export function MaterialPage() {
  const { api } = useSession();
  const { pkg, editable, reload: reloadPackage } = usePackage();
  const { materialId = '' } = useParams();
  const location = useLocation();
  const policies = usePolicies();
  const [notice, setNotice] = useState<string | undefined>((location.state as { notice?: string } | null)?.notice);
  const [retireError, setRetireError] = useState<Error>();
  const material = useLoad((signal) => api.get<Material>(`/v1/materials/${Number(materialId)}`, undefined, signal), [api, materialId]);
  const history = useLoad((signal) => api.get<{ history: MaterialHistoryEntry[] }>(`/v1/materials/${Number(materialId)}/history`, undefined, signal), [api, materialId, material.data?.version]);

  async function save(input: MaterialInput) {
    const saved = await api.put<Material>(`/v1/materials/${Number(materialId)}`, input);
    setNotice(`Saved (package version ${saved.version}).`);
    material.reload();
    reloadPackage();
  }
  async function retire() {
    setRetireError(undefined);
    try {
      const retired = await api.del<Material>(`/v1/materials/${Number(materialId)}`);
      setNotice(`Retired (package version ${retired.version}): it matches nothing from now on.`);
      material.reload();
      reloadPackage();
    } catch (err) {
      setRetireError(err as Error);
    }
  }

  if (material.error) return <ErrorNote error={material.error} />;
  const m = material.data;
  if (!m) return <Loading what="material" />;
  if (m.package_id !== pkg.id) return <ErrorNote error={`Material #${m.id} belongs to package ${m.package_id}, not ${pkg.id}.`} />;
  return (
    <>
      <div className="subheader">
        <h2 className="material-title" data-testid="material-title">
          Material #{m.id} · {KIND_LABELS[m.kind]} <StatusBadge status={m.status} />
        </h2>
        <span className="material-value-big">
          <MaterialValue material={m} full />
        </span>
        {editable && m.status !== 'retired' && <ConfirmButton label="Retire" confirmLabel="Confirm retire" onConfirm={() => void retire()} />}
      </div>
      <p className="muted small">
        Created by {m.author.replace(/^key:[^:]+:/, '')} · last changed in package version {m.version}, {formatTime(m.updated_at)} by {m.updated_by.replace(/^key:[^:]+:/, '')}
      </p>
      {notice && (
        <div className="notice" role="status">
          {notice}
        </div>
      )}
      <ErrorNote title="Not retired" error={retireError} />
      <div className="editor-grid">
        <Panel title={editable ? 'Edit' : 'Material'}>
          <ErrorNote title="Policies not loaded" error={policies.error} />
          {policies.data ? (
            // A new version starts the form afresh from it.
            <Fragment key={`${m.id}@${m.version}`}>
              <MaterialForm packageId={pkg.id} initial={m} policies={policies.data} readOnly={!editable} submitLabel="Save changes" onSave={save} />
            </Fragment>
          ) : (
            <Loading what="policies" />
          )}
        </Panel>
        <div>
          <HitsPanel path={`/v1/materials/${m.id}/hits`} title="Hits" version={m.version} />
          <PrecisionPanel query={{ by: 'material', material: m.id }} label={(r) => `material #${r.key.material}`} testId="material-precision" />
          <Panel title="History">
            {history.error ? <ErrorNote error={history.error} /> : !history.data ? <Loading /> : <MaterialHistory entries={history.data.history} />}
          </Panel>
        </div>
      </div>
    </>
  );
}

function MaterialHistory({ entries }: { entries: MaterialHistoryEntry[] }) {
  return (
    <table className="table history" data-testid="material-history">
      <thead>
        <tr>
          <th className="num">Package version</th>
          <th>Changed</th>
          <th>By</th>
          <th>Status</th>
          <th>Value</th>
          <th>Policy · severity</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((h) => (
          <tr key={h.package_version}>
            <td className="num">v{h.package_version}</td>
            <td className="nowrap">{formatTime(h.changed_at)}</td>
            <td className="muted">{h.changed_by.replace(/^key:[^:]+:/, '')}</td>
            <td>
              <StatusBadge status={h.material.status} />
            </td>
            <td>
              <MaterialValue material={h.material} />
            </td>
            <td>
              <code>{h.material.policy_id}</code> · {h.material.severity}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
