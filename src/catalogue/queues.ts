// The review-queue registry: which policies and languages each queue reviews; versioned like policies.
import type { Queue, QueueInput, QueueState } from '../domain/index.js';
import { appendAudit } from '../store/audit.js';
import type { Db, Executor } from '../store/schema.js';
import { ConflictError, NotFoundError, UnknownReferenceError, createOnce } from './errors.js';
import { requirePolicies } from './policies.js';

type QueueRow = {
  id: string;
  name: string;
  description: string;
  policies: string[];
  languages: string[];
  sla_minutes: number;
  escalation_queue: string | null;
  teams: string[];
  version: number;
  archived: boolean;
  updated_at: Date;
  updated_by: string;
};
type StoredQueue = QueueRow & { state: QueueState };

const toQueue = (r: StoredQueue): Queue => ({ ...r, updated_at: r.updated_at.toISOString() });

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
      sla_minutes: row.sla_minutes,
      escalation_queue: row.escalation_queue,
      teams: row.teams,
      archived: row.archived,
      changed_at: row.updated_at,
      changed_by: row.updated_by,
    })
    .execute();
}

const uniq = (xs: string[]) => [...new Set(xs)];
export const DEFAULT_SLA_MINUTES = 1440;

async function requireEscalationQueue(ex: Executor, id: string, escalation: string): Promise<void> {
  if (escalation === id) throw new UnknownReferenceError(`queue ${JSON.stringify(id)} cannot escalate to itself`);
  await requireQueue(ex, escalation);
}

/** Pausing stops handing out tasks; draining keeps handing them out but routing sends the queue no new ones. */
export async function setQueueState(db: Db, id: string, state: QueueState, actor: string, now: Date): Promise<Queue> {
  return db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('queues').select(['state', 'archived']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw new NotFoundError(`queue ${JSON.stringify(id)} does not exist`);
    if (current.archived) throw new ConflictError(`queue ${JSON.stringify(id)} is archived`);
    await tx.updateTable('queues').set({ state }).where('id', '=', id).execute();
    await appendAudit(tx, now, { actor, action: `queue.${state === 'active' ? 'resume' : state === 'paused' ? 'pause' : 'drain'}`, target_type: 'queue', target_id: id, details: { from: current.state, to: state } });
    return getQueue(tx, id);
  });
}

export async function createQueue(db: Db, input: QueueInput, actor: string, now: Date): Promise<Queue> {
  return createOnce(`queue ${JSON.stringify(input.id)}`, () => db.transaction().execute(async (tx) => {
    if (await tx.selectFrom('queues').select('id').where('id', '=', input.id).executeTakeFirst()) {
      throw new ConflictError(`queue ${JSON.stringify(input.id)} already exists; edit it with PUT /v1/queues/${input.id}`);
    }
    await requirePolicies(tx, input.policies);
    if (input.escalation_queue) await requireEscalationQueue(tx, input.id, input.escalation_queue);
    const row: QueueRow = {
      id: input.id,
      name: input.name,
      description: input.description ?? '',
      policies: uniq(input.policies),
      languages: uniq(input.languages),
      sla_minutes: input.sla_minutes ?? DEFAULT_SLA_MINUTES,
      escalation_queue: input.escalation_queue ?? null,
      teams: uniq(input.teams ?? []),
      version: 1,
      archived: false,
      updated_at: now,
      updated_by: actor,
    };
    await tx.insertInto('queues').values(row).execute();
    await recordVersion(tx, row);
    await appendAudit(tx, now, { actor, action: 'queue.create', target_type: 'queue', target_id: row.id, details: { version: 1 } });
    return toQueue({ ...row, state: 'active' });
  }));
}

export async function updateQueue(db: Db, id: string, changes: Omit<QueueInput, 'id'> & { archived?: boolean }, actor: string, now: Date): Promise<Queue> {
  return db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('queues').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw new NotFoundError(`queue ${JSON.stringify(id)} does not exist`);
    const archived = changes.archived ?? current.archived;
    if (!archived) await requirePolicies(tx, changes.policies);
    const escalation = changes.escalation_queue === undefined ? current.escalation_queue : changes.escalation_queue;
    if (escalation && !archived) await requireEscalationQueue(tx, id, escalation);
    const row: QueueRow = {
      id,
      name: changes.name,
      description: changes.description ?? '',
      policies: uniq(changes.policies),
      languages: uniq(changes.languages),
      sla_minutes: changes.sla_minutes ?? current.sla_minutes,
      escalation_queue: escalation,
      teams: uniq(changes.teams ?? current.teams),
      archived,
      version: current.version + 1,
      updated_at: now,
      updated_by: actor,
    };
    await tx.updateTable('queues').set(row).where('id', '=', id).execute();
    await recordVersion(tx, row);
    await appendAudit(tx, now, { actor, action: archived && !current.archived ? 'queue.archive' : 'queue.update', target_type: 'queue', target_id: id, details: { version: row.version } });
    return toQueue({ ...row, state: current.state });
  });
}

export async function archiveQueue(db: Db, id: string, actor: string, now: Date): Promise<Queue> {
  const current = await getQueue(db, id);
  const { id: _id, version: _v, updated_at: _u, updated_by: _b, state: _s, ...input } = current;
  return updateQueue(db, id, { ...input, archived: true }, actor, now);
}

export async function queueVersions(ex: Executor, id: string) {
  await getQueue(ex, id);
  const rows = await ex.selectFrom('queue_versions').selectAll().where('queue_id', '=', id).orderBy('version', 'desc').execute();
  return rows.map(({ queue_id: _q, changed_at, ...r }) => ({ ...r, changed_at: changed_at.toISOString() }));
}
