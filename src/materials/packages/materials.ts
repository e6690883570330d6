// Materials one at a time: add, edit, retire, list with filters and a cursor, read one with its history.
// Each change is a new package version; the material's row carries that version and a snapshot of it
// goes to material_history, so any version of a material can be shown later.
import { sql } from 'kysely';
import type { Material, MaterialInput, MaterialKind, MaterialStatus } from '../../domain/index.js';
import { ConflictError, NotFoundError, requirePolicies } from '../../catalogue/index.js';
import { appendAudit } from '../../store/audit.js';
import type { Db, Executor, Tx } from '../../store/schema.js';
import { InvalidMaterialError } from './errors.js';
import { lockPackage, recordPackageVersion } from './packages.js';
import { contentColumns, sameContent, toMaterial, type ContentColumns, type MaterialRow } from './rows.js';
import { checkKindRules } from './validate.js';

const materialLabel = (id: number) => `material ${id}`;
const short = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);

/** Copies the rows a version changed into material_history, in the database (nothing travels back and forth). */
export async function snapshotVersion(tx: Tx, packageId: string, version: number): Promise<void> {
  await sql`INSERT INTO material_history (material_id, package_version, snapshot, changed_at, changed_by)
    SELECT id, version, to_jsonb(m), updated_at, updated_by FROM materials m WHERE package_id = ${packageId} AND version = ${version}`.execute(tx);
}

function checked(input: MaterialInput): MaterialInput {
  const result = checkKindRules(input);
  if (!result.ok) throw new InvalidMaterialError(result.field, result.message);
  return result.material;
}

async function findByKey(tx: Tx, packageId: string, m: Pick<ContentColumns, 'kind' | 'value' | 'near'>) {
  return tx
    .selectFrom('materials')
    .select('id')
    .where('package_id', '=', packageId)
    .where('kind', '=', m.kind)
    .where('value', '=', m.value)
    .where(sql<boolean>`coalesce(near, '') = ${m.near ?? ''}`)
    .executeTakeFirst();
}

const exists = (id: number, packageId: string) =>
  new ConflictError(`the package ${JSON.stringify(packageId)} already has this material (same kind, value and near) as ${materialLabel(id)}; edit it with PUT /v1/materials/${id}`);

export async function addMaterial(db: Db, packageId: string, input: MaterialInput, actor: string, now: Date): Promise<Material> {
  const m = checked(input);
  await requirePolicies(db, [m.policy_id]);
  return db.transaction().execute(async (tx) => {
    const version = (await lockPackage(tx, packageId)) + 1;
    const content = contentColumns(m);
    const clash = await findByKey(tx, packageId, content);
    if (clash) throw exists(Number(clash.id), packageId);
    await recordPackageVersion(tx, packageId, version, actor, now, `added ${m.kind} ${short(m.value)}`);
    const row = await tx
      .insertInto('materials')
      .values({ ...content, package_id: packageId, author: actor, version, updated_at: now, updated_by: actor })
      .returningAll()
      .executeTakeFirstOrThrow();
    await snapshotVersion(tx, packageId, version);
    await appendAudit(tx, now, { actor, action: 'material.create', target_type: 'material', target_id: String(row.id), details: { package_id: packageId, version } });
    return toMaterial(row);
  });
}

async function materialRow(ex: Executor, id: number): Promise<MaterialRow> {
  const row = await ex.selectFrom('materials').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`${materialLabel(id)} does not exist`);
  return row;
}

/** Replaces a material's content. A change that changes nothing makes no version. */
export async function updateMaterial(db: Db, id: number, input: MaterialInput, actor: string, now: Date): Promise<Material> {
  const m = checked(input);
  await requirePolicies(db, [m.policy_id]);
  const { package_id: packageId } = await materialRow(db, id);
  return db.transaction().execute(async (tx) => {
    const version = (await lockPackage(tx, packageId)) + 1;
    // Read again under the package lock: every writer of this package holds it.
    const current = await materialRow(tx, id);
    const content = contentColumns(m);
    if (sameContent(current, content)) return toMaterial(current);
    const clash = await findByKey(tx, packageId, content);
    if (clash && Number(clash.id) !== id) throw exists(Number(clash.id), packageId);
    const summary = content.status === 'retired' && current.status !== 'retired' ? `retired ${current.kind} ${short(current.value)}` : `edited ${current.kind} ${short(content.value)}`;
    await recordPackageVersion(tx, packageId, version, actor, now, summary);
    const row = await tx.updateTable('materials').set({ ...content, version, updated_at: now, updated_by: actor }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await snapshotVersion(tx, packageId, version);
    const action = summary.startsWith('retired') ? 'material.retire' : 'material.update';
    await appendAudit(tx, now, { actor, action, target_type: 'material', target_id: String(id), details: { package_id: packageId, version } });
    return toMaterial(row);
  });
}

/** Retires a material: it stops matching and stays, with its history. Retiring a retired one changes nothing. */
export async function retireMaterial(db: Db, id: number, actor: string, now: Date): Promise<Material> {
  const current = toMaterial(await materialRow(db, id));
  if (current.status === 'retired') return current;
  const { id: _id, package_id: _p, author: _a, version: _v, updated_at: _u, updated_by: _b, ...input } = current;
  return updateMaterial(db, id, { ...input, status: 'retired' }, actor, now);
}

export async function getMaterial(ex: Executor, id: number): Promise<Material> {
  return toMaterial(await materialRow(ex, id));
}

export interface MaterialVersion {
  package_version: number;
  changed_at: string;
  changed_by: string;
  material: Material;
}

/** Every version of a material, newest first. */
export async function materialHistory(ex: Executor, id: number): Promise<MaterialVersion[]> {
  await materialRow(ex, id);
  const rows = await ex.selectFrom('material_history').selectAll().where('material_id', '=', id).orderBy('package_version', 'desc').execute();
  return rows.map((r) => ({ package_version: r.package_version, changed_at: r.changed_at.toISOString(), changed_by: r.changed_by, material: toMaterial(r.snapshot as unknown as MaterialRow) }));
}

/** The material as it was at a package version (the version a hit names), or undefined if it did not exist yet. */
export async function materialAtVersion(ex: Executor, id: number, packageVersion: number): Promise<Material | undefined> {
  const row = await ex
    .selectFrom('material_history')
    .select('snapshot')
    .where('material_id', '=', id)
    .where('package_version', '<=', packageVersion)
    .orderBy('package_version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toMaterial(row.snapshot as unknown as MaterialRow) : undefined;
}

export interface MaterialFilter {
  kind?: MaterialKind;
  status?: MaterialStatus;
  policy_id?: string;
  /** Materials written in this language (listed in their languages). */
  language?: string;
  /** Case-insensitive text the value contains. */
  q?: string;
  /** The cursor a previous page answered. */
  cursor?: string;
  limit?: number;
}

export const MAX_PAGE = 1_000;

const encodeCursor = (id: number) => Buffer.from(`m${id}`).toString('base64url');
function decodeCursor(cursor: string): number {
  const id = /^m(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString())?.[1];
  if (id === undefined) throw new InvalidMaterialError('cursor', 'is not a cursor this endpoint gave out; start again without it');
  return Number(id);
}

/** A page of a package's materials in id order; `next_cursor` is null on the last page. */
export async function listMaterials(ex: Executor, packageId: string, filter: MaterialFilter = {}): Promise<{ materials: Material[]; next_cursor: string | null }> {
  const pkg = await ex.selectFrom('material_packages').select('id').where('id', '=', packageId).executeTakeFirst();
  if (!pkg) throw new NotFoundError(`package ${JSON.stringify(packageId)} does not exist`);
  const limit = Math.min(Math.max(filter.limit ?? 100, 1), MAX_PAGE);
  let q = ex.selectFrom('materials').selectAll().where('package_id', '=', packageId);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.policy_id) q = q.where('policy_id', '=', filter.policy_id);
  if (filter.language) q = q.where(sql<boolean>`${filter.language} = ANY(languages)`);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`value ILIKE ${like}`);
  }
  if (filter.cursor) q = q.where('id', '>', decodeCursor(filter.cursor));
  const rows = await q.orderBy('id').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  return { materials: page.map(toMaterial), next_cursor: rows.length > limit ? encodeCursor(Number(page[page.length - 1].id)) : null };
}
