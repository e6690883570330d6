// Material packages: create, edit, archive, list and read. Every change to a package or to its
// materials makes a new package version, with a row in material_package_versions and an audit entry.
import { sql } from 'kysely';
import type { Package as MaterialPackage, PackageInput } from '../../domain/index.js';
import { ConflictError, NotFoundError, createOnce } from '../../catalogue/index.js';
import { appendAudit } from '../../store/audit.js';
import type { Db, Executor, Tx } from '../../store/schema.js';
import { toPackage, type PackageRow } from './rows.js';

export type PackageChanges = Omit<PackageInput, 'id'> & { archived?: boolean };

const packageLabel = (id: string) => `package ${JSON.stringify(id)}`;

async function counts(ex: Executor, ids: string[]) {
  const out = new Map<string, { material_count: number; active_count: number }>();
  if (!ids.length) return out;
  const rows = await ex
    .selectFrom('materials')
    .select(['package_id', sql<number>`count(*)::int`.as('material_count'), sql<number>`(count(*) FILTER (WHERE status = 'active'))::int`.as('active_count')])
    .where('package_id', 'in', ids)
    .groupBy('package_id')
    .execute();
  for (const r of rows) out.set(r.package_id, { material_count: r.material_count, active_count: r.active_count });
  return out;
}

const NONE = { material_count: 0, active_count: 0 };

export async function listPackages(ex: Executor, options: { includeArchived?: boolean } = {}): Promise<MaterialPackage[]> {
  let q = ex.selectFrom('material_packages').selectAll();
  if (!options.includeArchived) q = q.where('archived', '=', false);
  const rows = (await q.orderBy('id').execute()) as PackageRow[];
  const c = await counts(ex, rows.map((r) => r.id));
  return rows.map((r) => toPackage(r, c.get(r.id) ?? NONE));
}

export async function getPackage(ex: Executor, id: string): Promise<MaterialPackage> {
  const row = (await ex.selectFrom('material_packages').selectAll().where('id', '=', id).executeTakeFirst()) as PackageRow | undefined;
  if (!row) throw new NotFoundError(`${packageLabel(id)} does not exist`);
  return toPackage(row, (await counts(ex, [id])).get(id) ?? NONE);
}

export async function packageVersions(ex: Executor, id: string) {
  await getPackage(ex, id);
  const rows = await ex.selectFrom('material_package_versions').select(['version', 'changed_at', 'changed_by', 'summary']).where('package_id', '=', id).orderBy('version', 'desc').execute();
  return rows.map((r) => ({ ...r, changed_at: r.changed_at.toISOString() }));
}

async function recordVersion(tx: Tx, id: string, version: number, actor: string, now: Date, summary: string) {
  await tx.insertInto('material_package_versions').values({ package_id: id, version, changed_at: now, changed_by: actor, summary }).execute();
}

/**
 * Locks a package row inside `tx` so concurrent changes to one package queue up, and answers its current
 * version. Refuses an archived package: its materials are frozen until it is restored.
 */
export async function lockPackage(tx: Tx, id: string): Promise<number> {
  const current = await tx.selectFrom('material_packages').select(['version', 'archived']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!current) throw new NotFoundError(`${packageLabel(id)} does not exist`);
  if (current.archived) throw new ConflictError(`${packageLabel(id)} is archived; restore it (PUT /v1/packages/${id} with "archived": false) before changing its materials`);
  return current.version;
}

/** Makes `version` the package's current version and records it with its summary (after lockPackage). */
export async function recordPackageVersion(tx: Tx, id: string, version: number, actor: string, now: Date, summary: string): Promise<void> {
  await tx.updateTable('material_packages').set({ version, updated_at: now, updated_by: actor }).where('id', '=', id).execute();
  await recordVersion(tx, id, version, actor, now, summary);
}

export async function createPackage(db: Db, input: PackageInput, actor: string, now: Date): Promise<MaterialPackage> {
  return createOnce(packageLabel(input.id), () =>
    db.transaction().execute(async (tx) => {
      const existing = await tx.selectFrom('material_packages').select('id').where('id', '=', input.id).executeTakeFirst();
      if (existing) throw new ConflictError(`${packageLabel(input.id)} already exists; edit it with PUT /v1/packages/${input.id}`);
      const row: PackageRow = { ...input, description: input.description ?? '', version: 1, archived: false, updated_at: now, updated_by: actor };
      await tx.insertInto('material_packages').values({ ...row, scope: JSON.stringify(row.scope) }).execute();
      await recordVersion(tx, input.id, 1, actor, now, 'created');
      await appendAudit(tx, now, { actor, action: 'package.create', target_type: 'material_package', target_id: input.id, details: { version: 1 } });
      return toPackage(row, NONE);
    }),
  );
}

function describeChange(before: PackageRow, after: PackageRow): string | undefined {
  if (after.archived && !before.archived) return 'archived';
  if (!after.archived && before.archived) return 'restored';
  // Scope is compared list by list: jsonb does not keep key order.
  const sameScope = (['surfaces', 'markets', 'languages'] as const).every((k) => JSON.stringify(before.scope[k]) === JSON.stringify(after.scope[k]));
  const fields: string[] = (['name', 'description', 'owner'] as const).filter((f) => before[f] !== after[f]);
  if (!sameScope) fields.push('scope');
  return fields.length ? `edited ${fields.join(', ')}` : undefined;
}

/** Edits a package's description and scope (or archives/restores it); an edit that changes nothing makes no version. */
export async function updatePackage(db: Db, id: string, changes: PackageChanges, actor: string, now: Date): Promise<MaterialPackage> {
  return db.transaction().execute(async (tx) => {
    const current = (await tx.selectFrom('material_packages').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) as PackageRow | undefined;
    if (!current) throw new NotFoundError(`${packageLabel(id)} does not exist`);
    const next: PackageRow = {
      ...current,
      name: changes.name,
      description: changes.description ?? current.description,
      owner: changes.owner,
      scope: changes.scope,
      archived: changes.archived ?? current.archived,
    };
    const c = (await counts(tx, [id])).get(id) ?? NONE;
    const summary = describeChange(current, next);
    if (!summary) return toPackage(current, c);
    next.version = current.version + 1;
    next.updated_at = now;
    next.updated_by = actor;
    await tx.updateTable('material_packages').set({ ...next, scope: JSON.stringify(next.scope) }).where('id', '=', id).execute();
    await recordVersion(tx, id, next.version, actor, now, summary);
    const action = summary === 'archived' ? 'package.archive' : summary === 'restored' ? 'package.restore' : 'package.update';
    await appendAudit(tx, now, { actor, action, target_type: 'material_package', target_id: id, details: { version: next.version, summary } });
    return toPackage(next, c);
  });
}

/** Archives a package: its materials stop matching, and stay readable with their history. */
export async function archivePackage(db: Db, id: string, actor: string, now: Date): Promise<MaterialPackage> {
  const current = await getPackage(db, id);
  if (current.archived) return current;
  return updatePackage(db, id, { ...current, archived: true }, actor, now);
}
