// A package's hash bank: upload an image to see its PDQ hash, quality and every banked hash it matches
// (with rotations and mirrorings, by Hamming distance), bank it here in one step, and list the package's
// image and video hashes.
import { Link } from 'react-router';
import { seg } from '../shared/api';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { Empty, ErrorNote, Loading, Panel } from '../shared/ui';
import { packagePath } from './access';
import { ImageCheckPanel } from './ImageCheckPanel';
import { MaterialTable } from './MaterialTable';
import { usePackage } from './PackageLayout';
import type { MaterialKind, MaterialPage } from './types';

const LISTED = 100;

export function HashBankTab() {
  const { pkg, editable } = usePackage();
  return (
    <>
      <ImageCheckPanel packageId={pkg.id} canBank={editable} />
      <HashList kind="image_hash" title="Image hashes (PDQ)" />
      <HashList kind="video_hash" title="Video hashes" />
    </>
  );
}

function HashList({ kind, title }: { kind: MaterialKind; title: string }) {
  const { api } = useSession();
  const { pkg } = usePackage();
  const page = useLoad((signal) => api.get<MaterialPage>(`/v1/packages/${seg(pkg.id)}/materials`, { kind, limit: LISTED }, signal), [api, pkg.id, pkg.version, kind]);
  const materials = page.data?.materials;
  return (
    <Panel
      title={title}
      extra={
        page.data?.next_cursor && (
          <Link to={`${packagePath(pkg.id)}?kind=${kind}`} className="small">
            all of them on the Materials tab
          </Link>
        )
      }
    >
      <ErrorNote error={page.error} />
      {!materials ? page.loading && <Loading /> : materials.length === 0 ? <Empty>None in this package.</Empty> : <MaterialTable materials={materials} testId={`hashes-${kind}`} />}
    </Panel>
  );
}
