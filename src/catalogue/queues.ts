// The review-queue registry: which policies and languages each queue reviews; versioned like policies.
import type { Queue, QueueInput } from '../domain/index.js';
import { appendAudit } from '../store/audit.js';
import type { Db, Executor } from '../store/schema.js';
import { ConflictError, NotFoundError, UnknownReferenceError, createOnce } from './errors.js';
import { requirePolicies } from './policies.js';

type QueueRow = { id: string; name: string; description: string; policies: string[]; languages: string[]; version: number; archived: boolean; updated_at: Date; updated_by: string };

const toQueue = (r: QueueRow): Queue => ({ ...r, updated_at: r.updated_at.toISOString() });

export async function listQueues(ex: Executor, options: { includeArchived?: boolean } = {}): Promise<Queue[]> {
  let q = ex.selectFrom('queues').selectAll();
  if (!options.includeArchived) q = q.where('archived', '=', false);
  return (await q.orderBy('id').execute()).map(toQueue);
}

export async function getQueue(ex: Executor, id: string): Promise<Queue> {
  const row = await ex.selectFrom('queues').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`queue ${JSON.stringify(id)} does not exist`);
  return toQueue(row);
}

export async function requireQueue(ex: Executor, id: string): Promise<void> {
  const row = await ex.selectFrom('queues').select('id').where('id', '=', id).where('archived', '=', false).executeTakeFirst();
  if (!row) throw new UnknownReferenceError(`unknown queue ${JSON.stringify(id)}`);
}

async function recordVersion(ex: Executor, row: QueueRow) {
  await ex
    .insertInto('queue_versions')
    .values({
      queue_id: row.id,
      version: row.version,
      name: row.name,
      description: row.description,
      policies: row.policies,
      languages: row.languages,
      archived: row.archived,
      changed_at: row.updated_at,
      changed_by: row.updated_by,
    })
    .execute();
}

const uniq = (xs: string[]) => [...new Set(xs)];

export async function createQueue(db: Db, input: QueueInput, actor: string, now: Date): Promise<Queue> {
  return createOnce(`queue ${JSON.stringify(input.id)}`, () => db.transaction().execute(async (tx) => {
    if (await tx.selectFrom('queues').select('id').where('id', '=', input.id).executeTakeFirst()) {
      throw new ConflictError(`queue ${JSON.stringify(input.id)} already exists; edit it with PUT /v1/queues/${input.id}`);
    }
    await requirePolicies(tx, input.policies);
    const row: QueueRow = { id: input.id, name: input.name, description: input.description ?? '', policies: uniq(input.policies), languages: uniq(input.languages), version: 1, archived: false, updated_at: now, updated_by: actor };
    await tx.insertInto('queues').values(row).execute();
    await recordVersion(tx, row);
    await appendAudit(tx, now, { actor, action: 'queue.create', target_type: 'queue', target_id: row.id, details: { version: 1 } });
    return toQueue(row);
  }));
}

export async function updateQueue(db: Db, id: string, changes: Omit<QueueInput, 'id'> & { archived?: boolean }, actor: string, now: Date): Promise<Queue> {
  return db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('queues').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw new NotFoundError(`queue ${JSON.stringify(id)} does not exist`);
    const archived = changes.archived ?? current.archived;
    if (!archived) await requirePolicies(tx, changes.policies);
    const row: QueueRow = {
      id,
      name: changes.name,
      description: changes.description ?? '',
      policies: uniq(changes.policies),
      languages: uniq(changes.languages),
      archived,
      version: current.version + 1,
      updated_at: now,
      updated_by: actor,
    };
    await tx.updateTable('queues').set(row).where('id', '=', id).execute();
    await recordVersion(tx, row);
    await appendAudit(tx, now, { actor, action: archived && !current.archived ? 'queue.archive' : 'queue.update', target_type: 'queue', target_id: id, details: { version: row.version } });
    return toQueue(row);
  });
}

export async function archiveQueue(db: Db, id: string, actor: string, now: Date): Promise<Queue> {
  const current = await getQueue(db, id);
  return updateQueue(db, id, { ...current, archived: true }, actor, now);
}

export async function queueVersions(ex: Executor, id: string) {
  await getQueue(ex, id);
  const rows = await ex.selectFrom('queue_versions').selectAll().where('queue_id', '=', id).orderBy('version', 'desc').execute();
  return rows.map(({ queue_id: _q, changed_at, ...r }) => ({ ...r, changed_at: changed_at.toISOString() }));
}
