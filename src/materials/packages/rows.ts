// Table rows to API shapes and back. Optional material fields are absent (not null) in the API, as in
// MaterialInputSchema; history snapshots are table rows as JSON and go through the same mapping.
import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { Material, Package as MaterialPackage, PackageScope } from '../../domain/index.js';
import type { Executor, MaterialsTable } from '../../store/schema.js';
import type { MaterialDraft } from './draft.js';

export type MaterialRow = Selectable<MaterialsTable>;

export interface PackageRow {
  id: string;
  name: string;
  description: string;
  owner: string;
  scope: PackageScope;
  version: number;
  archived: boolean;
  updated_at: Date;
  updated_by: string;
}

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

export function toMaterial(r: MaterialRow): Material {
  const m: Material = {
    id: Number(r.id),
    package_id: r.package_id,
    kind: r.kind as Material['kind'],
    value: r.value,
    languages: r.languages,
    policy_id: r.policy_id,
    severity: r.severity as Material['severity'],
    match_mode: r.match_mode as Material['match_mode'],
    exceptions: r.exceptions,
    status: r.status as Material['status'],
    opt_out: r.opt_out as Material['opt_out'],
    author: r.author,
    version: r.version,
    updated_at: iso(r.updated_at),
    updated_by: r.updated_by,
  };
  if (r.near !== null) m.near = r.near;
  if (r.within !== null) m.within = r.within;
  if (r.max_distance !== null) m.max_distance = r.max_distance;
  if (r.min_frame_share !== null) m.min_frame_share = r.min_frame_share;
  if (r.note !== null) m.note = r.note;
  return m;
}

/** The columns a material's content sets (everything but identity and bookkeeping). */
export type ContentColumns = Pick<
  MaterialRow,
  'kind' | 'value' | 'near' | 'within' | 'languages' | 'policy_id' | 'severity' | 'match_mode' | 'exceptions' | 'status' | 'opt_out' | 'max_distance' | 'min_frame_share' | 'note'
>;

export function contentColumns(m: Omit<MaterialDraft, 'severity' | 'policy_id'> & { severity: number; policy_id: string }): ContentColumns {
  return {
    kind: m.kind,
    value: m.value,
    near: m.near ?? null,
    within: m.within ?? null,
    languages: [...m.languages],
    policy_id: m.policy_id,
    severity: m.severity,
    match_mode: m.match_mode,
    exceptions: [...m.exceptions],
    status: m.status,
    opt_out: [...m.opt_out],
    max_distance: m.max_distance ?? null,
    min_frame_share: m.min_frame_share ?? null,
    note: m.note ?? null,
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Whether writing `next` over `row` would change anything: unchanged rows are not rewritten. */
export function sameContent(row: ContentColumns, next: ContentColumns): boolean {
  return (
    row.kind === next.kind &&
    row.value === next.value &&
    row.near === next.near &&
    row.within === next.within &&
    row.policy_id === next.policy_id &&
    row.severity === next.severity &&
    row.match_mode === next.match_mode &&
    row.status === next.status &&
    row.max_distance === next.max_distance &&
    row.min_frame_share === next.min_frame_share &&
    row.note === next.note &&
    sameList(row.languages, next.languages) &&
    sameList(row.exceptions, next.exceptions) &&
    sameList(row.opt_out, next.opt_out)
  );
}

export function toPackage(r: PackageRow, counts: { material_count: number; active_count: number }): MaterialPackage {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    owner: r.owner,
    scope: r.scope,
    version: r.version,
    archived: r.archived,
    material_count: counts.material_count,
    active_count: counts.active_count,
    updated_at: iso(r.updated_at),
    updated_by: r.updated_by,
  };
}

const COLUMNS = ['id', 'package_id', 'kind', 'value', 'near', 'within', 'languages', 'policy_id', 'severity', 'match_mode', 'exceptions', 'status', 'opt_out', 'max_distance', 'min_frame_share', 'note', 'author', 'version', 'updated_at', 'updated_by'] as const;

/**
 * Many materials as ONE JSON text (an array of arrays) instead of a row each: PGlite decodes rows one field
 * at a time in JavaScript, so 100,000 materials take 1.4 s as rows and 0.35 s as JSON (measured; the
 * same on PostgreSQL). `where` is an SQL condition on `m`.
 */
export function materialsAsJson(where: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`(SELECT coalesce(json_agg(json_build_array(${sql.join(COLUMNS.map((c) => sql.ref(`m.${c}`)))}) ORDER BY m.id), '[]')::text FROM materials m WHERE ${where})`;
}

/** Reads what materialsAsJson wrote. */
export function parseMaterialsJson(text: string): MaterialRow[] {
  return (JSON.parse(text) as unknown[][]).map((a) => Object.fromEntries(COLUMNS.map((c, i) => [c, a[i]])) as unknown as MaterialRow);
}

/** The materials of one package matching `where` (an SQL condition on `m`), in id order. */
export async function loadMaterialRows(ex: Executor, packageId: string, where: RawBuilder<unknown> = sql`true`): Promise<MaterialRow[]> {
  const { rows } = await sql<{ j: string }>`SELECT ${materialsAsJson(sql`m.package_id = ${packageId} AND ${where}`)} AS j`.execute(ex);
  return parseMaterialsJson(rows[0].j);
}
