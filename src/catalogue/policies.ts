// The policy catalogue: create, edit and archive policies; every change is a new version kept in history.
import type { Policy, PolicyInput } from '../domain/index.js';
import { appendAudit } from '../store/audit.js';
import type { Db, Executor } from '../store/schema.js';
import { ConflictError, NotFoundError, UnknownReferenceError, createOnce } from './errors.js';

type PolicyRow = { id: string; name: string; definition: string; severity_tier: number; dsa_category: string; version: number; archived: boolean; updated_at: Date; updated_by: string };

const toPolicy = (r: PolicyRow): Policy => ({
  id: r.id,
  name: r.name,
  definition: r.definition,
  severity_tier: r.severity_tier as Policy['severity_tier'],
  dsa_category: r.dsa_category as Policy['dsa_category'],
  version: r.version,
  archived: r.archived,
  updated_at: r.updated_at.toISOString(),
  updated_by: r.updated_by,
});

export async function listPolicies(ex: Executor, options: { includeArchived?: boolean } = {}): Promise<Policy[]> {
  let q = ex.selectFrom('policies').selectAll();
  if (!options.includeArchived) q = q.where('archived', '=', false);
  return (await q.orderBy('id').execute()).map(toPolicy);
}

export async function getPolicy(ex: Executor, id: string): Promise<Policy> {
  const row = await ex.selectFrom('policies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`policy ${JSON.stringify(id)} does not exist`);
  return toPolicy(row);
}

/** Throws UnknownReferenceError naming the first id that is not an active policy. Later capabilities call this. */
export async function requirePolicies(ex: Executor, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const rows = await ex.selectFrom('policies').select('id').where('id', 'in', [...ids]).where('archived', '=', false).execute();
  const known = new Set(rows.map((r) => r.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) throw new UnknownReferenceError(`unknown policy ${missing.map((m) => JSON.stringify(m)).join(', ')}`);
}

async function recordVersion(ex: Executor, row: PolicyRow) {
  await ex
    .insertInto('policy_versions')
    .values({
      policy_id: row.id,
      version: row.version,
      name: row.name,
      definition: row.definition,
      severity_tier: row.severity_tier,
      dsa_category: row.dsa_category,
      archived: row.archived,
      changed_at: row.updated_at,
      changed_by: row.updated_by,
    })
    .execute();
}

export async function createPolicy(db: Db, input: PolicyInput, actor: string, now: Date): Promise<Policy> {
  return createOnce(`policy ${JSON.stringify(input.id)}`, () => db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('policies').select('id').where('id', '=', input.id).executeTakeFirst();
    if (existing) throw new ConflictError(`policy ${JSON.stringify(input.id)} already exists; edit it with PUT /v1/policies/${input.id}`);
    const row: PolicyRow = { ...input, version: 1, archived: false, updated_at: now, updated_by: actor };
    await tx.insertInto('policies').values(row).execute();
    await recordVersion(tx, row);
    await appendAudit(tx, now, { actor, action: 'policy.create', target_type: 'policy', target_id: input.id, details: { version: 1 } });
    return toPolicy(row);
  }));
}

export async function updatePolicy(db: Db, id: string, changes: Omit<PolicyInput, 'id'> & { archived?: boolean }, actor: string, now: Date): Promise<Policy> {
  return db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('policies').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw new NotFoundError(`policy ${JSON.stringify(id)} does not exist`);
    const row: PolicyRow = {
      id,
      name: changes.name,
      definition: changes.definition,
      severity_tier: changes.severity_tier,
      dsa_category: changes.dsa_category,
      archived: changes.archived ?? current.archived,
      version: current.version + 1,
      updated_at: now,
      updated_by: actor,
    };
    await tx.updateTable('policies').set(row).where('id', '=', id).execute();
    await recordVersion(tx, row);
    await appendAudit(tx, now, { actor, action: row.archived && !current.archived ? 'policy.archive' : 'policy.update', target_type: 'policy', target_id: id, details: { version: row.version } });
    return toPolicy(row);
  });
}

export async function archivePolicy(db: Db, id: string, actor: string, now: Date): Promise<Policy> {
  const current = await getPolicy(db, id);
  const inUse = await db.selectFrom('queues').select('id').where('archived', '=', false).where((eb) => eb(eb.val(id), '=', eb.fn.any('policies'))).execute();
  if (inUse.length) throw new ConflictError(`policy ${JSON.stringify(id)} is reviewed by queue ${inUse.map((q) => JSON.stringify(q.id)).join(', ')}; remove it from those queues first`);
  return updatePolicy(db, id, { ...current, archived: true }, actor, now);
}

export async function policyVersions(ex: Executor, id: string) {
  await getPolicy(ex, id);
  const rows = await ex.selectFrom('policy_versions').selectAll().where('policy_id', '=', id).orderBy('version', 'desc').execute();
  return rows.map(({ policy_id: _p, changed_at, ...r }) => ({ ...r, changed_at: changed_at.toISOString() }));
}
