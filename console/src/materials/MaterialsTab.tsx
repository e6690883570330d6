// A package's materials: filters, one page at a time (the server pages by cursor, in id order), and the
// package's hits over the last week below.
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { seg } from '../shared/api';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { Empty, ErrorNote, Loading } from '../shared/ui';
import { usePolicies } from './access';
import { HitsPanel } from './HitsPanel';
import { PrecisionPanel } from '../review/PrecisionPanel';
import { FILTER_KEYS, MaterialFilters, type Filters } from './MaterialFilters';
import { MaterialTable } from './MaterialTable';
import { usePackage } from './PackageLayout';
import type { MaterialPage } from './types';

const PAGE_SIZE = 50;

export function MaterialsTab() {
  const { api } = useSession();
  const { pkg } = usePackage();
  const policies = usePolicies();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as unknown as Filters, [params]);
  const filterKey = FILTER_KEYS.map((k) => filters[k]).join('\u0000');
  // The cursors of the pages before this one, so "Previous" can go back (the server only pages forward).
  const [trail, setTrail] = useState<{ key: string; cursors: string[] }>({ key: filterKey, cursors: [] });
  const cursors = trail.key === filterKey ? trail.cursors : [];
  const cursor = cursors[cursors.length - 1];

  const page = useLoad(
    (signal) => api.get<MaterialPage>(`/v1/packages/${seg(pkg.id)}/materials`, { ...filters, cursor, limit: PAGE_SIZE }, signal),
    // The package version: a change made in another tab shows up here.
    [api, pkg.id, pkg.version, filterKey, cursor],
  );

  function applyFilters(next: Filters) {
    const p = new URLSearchParams();
    for (const k of FILTER_KEYS) if (next[k]) p.set(k, next[k]);
    setParams(p);
  }

  const materials = page.data?.materials;
  const pageNo = cursors.length + 1;
  return (
    <>
      <MaterialFilters filters={filters} policies={policies.data ?? []} onChange={applyFilters} />
      <ErrorNote error={page.error} />
      {!materials ? (
        page.loading && <Loading what="materials" />
      ) : materials.length === 0 ? (
        <Empty>{cursors.length || FILTER_KEYS.some((k) => filters[k]) ? 'No materials match.' : 'This package has no materials yet.'}</Empty>
      ) : (
        <MaterialTable materials={materials} stale={page.loading} />
      )}
      {(cursors.length > 0 || page.data?.next_cursor) && (
        <div className="pager" data-testid="material-pager">
          <button type="button" className="btn" disabled={!cursors.length || page.loading} onClick={() => setTrail({ key: filterKey, cursors: cursors.slice(0, -1) })}>
            ← Previous
          </button>
          <span className="muted">page {pageNo}</span>
          <button
            type="button"
            className="btn"
            disabled={!page.data?.next_cursor || page.loading}
            onClick={() => page.data?.next_cursor && setTrail({ key: filterKey, cursors: [...cursors, page.data.next_cursor] })}
          >
            Next →
          </button>
        </div>
      )}
      <HitsPanel path={`/v1/packages/${seg(pkg.id)}/hits`} title="Hits of this package" showMaterial version={pkg.version} />
      <PrecisionPanel query={{ by: 'package', package: pkg.id }} label={() => `package ${pkg.id}`} testId="package-precision" />
    </>
  );
}
