// Adding a material to a package. The hash bank links here with ?kind=image_hash&value=<pdq> to bank an
// uploaded image's hash in one step.
import { useNavigate, useSearchParams } from 'react-router';
import { seg } from '../shared/api';
import { useSession } from '../shared/session';
import { ErrorNote, Loading, Panel } from '../shared/ui';
import { materialPath, usePolicies } from './access';
import { MaterialForm } from './MaterialForm';
import { usePackage } from './PackageLayout';
import { MATERIAL_KINDS, type Material, type MaterialInput, type MaterialKind } from './types';

export function NewMaterialPage() {
  const { api } = useSession();
  const { pkg, editable, reload } = usePackage();
  const policies = usePolicies();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const kind = params.get('kind');
  const initial: Partial<Material> = {
    kind: MATERIAL_KINDS.includes(kind as MaterialKind) ? (kind as MaterialKind) : undefined,
    value: params.get('value') ?? undefined,
  };

  async function save(input: MaterialInput) {
    const created = await api.post<Material>(`/v1/packages/${seg(pkg.id)}/materials`, input);
    reload();
    navigate(materialPath(pkg.id, created.id), { state: { notice: `Material #${created.id} added (package version ${created.version}).` } });
  }

  if (!editable) return <ErrorNote error={pkg.archived ? 'The package is archived: restore it to add materials.' : 'Only admin and analyst keys can add materials.'} />;
  return (
    <Panel title="Add material" className="form-wide">
      <ErrorNote title="Policies not loaded" error={policies.error} />
      {!policies.data ? <Loading what="policies" /> : <MaterialForm packageId={pkg.id} initial={initial} policies={policies.data} readOnly={false} submitLabel="Add material" onSave={save} />}
    </Panel>
  );
}
