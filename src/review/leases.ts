// Handing tasks to moderators. "Next task" leases the top eligible open task (priority, then deadline)
// to one moderator until the lease expires; a heartbeat renews it, a release or skip returns it. Every
// lease bumps the task's token, and only the holder of the current token may decide, so a task whose
// lease passed to someone else can never be decided twice. The row lock taken with SKIP LOCKED keeps two
// processes on one PostgreSQL server from leasing the same task. Now and then (review settings,
// qa.golden_rate) the next task is a golden item instead, opened for this moderator alone (qa/golden.ts).
import { sql } from 'kysely';
import { ConflictError } from '../catalogue/index.js';
import type { Db, Tx } from '../store/schema.js';
import { injectGoldenTask, sweepGoldenTasks } from './qa/golden.js';
import { eligibilityOf, pickForModerator } from './router.js';
import { assignmentConfigOf, loadReviewSettings, type AssignmentConfig } from './settings.js';
import { takeableBy } from './takeable.js';

export interface Moderator {
  /** The actor string of the moderator's key. */
  id: string;
  teams: readonly string[];
}

export interface Lease {
  taskId: number;
  token: number;
  expiresAt: Date;
}

export class LeaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LeaseError';
  }
}

async function renewOwn(tx: Tx, moderator: Moderator, queue: string | undefined, now: Date, expiresAt: Date): Promise<Lease | undefined> {
  const held = await sql<{ id: number; lease_token: number }>`
    UPDATE review_tasks SET lease_expires_at = ${expiresAt}
    WHERE id = (SELECT id FROM review_tasks WHERE status = 'open' AND lease_holder = ${moderator.id} AND lease_expires_at > ${now}
                AND (${queue ?? null}::text IS NULL OR queue_id = ${queue ?? null}) ORDER BY leased_at, id LIMIT 1 FOR UPDATE)
    RETURNING id, lease_token`.execute(tx);
  const row = held.rows[0];
  return row ? { taskId: Number(row.id), token: Number(row.lease_token), expiresAt } : undefined;
}

/** Leases the next task to a moderator (their own live lease first, so asking twice holds one task). */
export async function nextTask(db: Db, moderator: Moderator, options: { queue?: string; random?: () => number }, now: Date): Promise<Lease | undefined> {
  const random = options.random ?? Math.random;
  const settings = await loadReviewSettings(db);
  const config = assignmentConfigOf(settings);
  const expiresAt = new Date(now.getTime() + settings.lease_seconds * 1000);
  return db.transaction().execute(async (tx) => {
    // One "next" at a time per moderator: a double click, or a page asking twice at once, holds one task.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`vigil.review.next:${moderator.id}`}))`.execute(tx);
    const own = await renewOwn(tx, moderator, options.queue, now, expiresAt);
    if (own) return own;
    await sweepGoldenTasks(tx, moderator.id, now);
    if (settings.qa.golden_rate > 0 && random() < settings.qa.golden_rate) {
      const golden = await injectGoldenTask(tx, moderator, { queue: options.queue, accepts: await eligibilityOf(tx, moderator.id, config, now) }, now, expiresAt, random);
      if (golden) {
        // A golden item shows real content: it counts against the exposure budget like any other.
        await recordExposure(tx, moderator.id, golden.taskId, config, now);
        return golden;
      }
    }
    // A moderator with a profile gets what the router would give them: their reservation, else the top task
    // they are eligible for (languages, certifications, exposure budgets). Without one, the top task.
    for (let attempt = 0; attempt < 3; attempt++) {
      const picked = await pickForModerator(tx, moderator, options.queue, config, now);
      if (picked === null) return undefined;
      const lease = picked === undefined ? await leaseTop(tx, moderator, options.queue, now, expiresAt) : await leaseTask(tx, picked, moderator, now, expiresAt);
      if (lease) {
        await recordExposure(tx, moderator.id, lease.taskId, config, now);
        return lease;
      }
      if (picked === undefined) return undefined;
      // Someone else leased the picked task between the pick and the lease: pick again.
    }
    return undefined;
  });
}

const leased = (expiresAt: Date) => (row: { id: number; lease_token: number } | undefined): Lease | undefined => (row ? { taskId: Number(row.id), token: Number(row.lease_token), expiresAt } : undefined);

async function leaseTop(tx: Tx, moderator: Moderator, queue: string | undefined, now: Date, expiresAt: Date): Promise<Lease | undefined> {
  const teams = [...moderator.teams];
  const { rows } = await sql<{ id: number; lease_token: number }>`
    UPDATE review_tasks SET lease_holder = ${moderator.id}, lease_token = lease_token + 1, leased_at = ${now}, lease_expires_at = ${expiresAt}, reserved_for = NULL, reserved_until = NULL
    WHERE id = (
      SELECT t.id FROM review_tasks t JOIN queues q ON q.id = t.queue_id
      WHERE t.status = 'open' AND (t.lease_expires_at IS NULL OR t.lease_expires_at <= ${now})
        AND (t.reserved_until IS NULL OR t.reserved_until <= ${now} OR t.reserved_for = ${moderator.id})
        AND q.state <> 'paused' AND NOT q.archived
        AND (cardinality(q.teams) = 0 OR q.teams && ${teams}::text[])
        AND (${queue ?? null}::text IS NULL OR t.queue_id = ${queue ?? null})
        AND ${takeableBy(moderator.id)}
      ORDER BY t.priority DESC, t.deadline, t.id
      LIMIT 1
      FOR UPDATE OF t SKIP LOCKED)
    AND status = 'open' AND (lease_expires_at IS NULL OR lease_expires_at <= ${now})
    RETURNING id, lease_token`.execute(tx);
  return leased(expiresAt)(rows[0]);
}

async function leaseTask(tx: Tx, taskId: number, moderator: Moderator, now: Date, expiresAt: Date): Promise<Lease | undefined> {
  const { rows } = await sql<{ id: number; lease_token: number }>`
    UPDATE review_tasks SET lease_holder = ${moderator.id}, lease_token = lease_token + 1, leased_at = ${now}, lease_expires_at = ${expiresAt}, reserved_for = NULL, reserved_until = NULL
    WHERE id = (SELECT id FROM review_tasks WHERE id = ${taskId} AND status = 'open' AND (lease_expires_at IS NULL OR lease_expires_at <= ${now}) FOR UPDATE SKIP LOCKED)
    AND status = 'open' AND (lease_expires_at IS NULL OR lease_expires_at <= ${now})
    RETURNING id, lease_token`.execute(tx);
  return leased(expiresAt)(rows[0]);
}

/** Exposure counts when a moderator is shown an item of a harm category: at lease time, once per task. */
async function recordExposure(tx: Tx, moderator: string, taskId: number, config: AssignmentConfig, now: Date): Promise<void> {
  const task = await tx.selectFrom('review_tasks').select('policy_id').where('id', '=', taskId).executeTakeFirstOrThrow();
  const category = task.policy_id ? config.harmCategories[task.policy_id] : undefined;
  if (!category) return;
  await tx.insertInto('moderator_exposure').values({ moderator, at: now, category, task_id: taskId }).onConflict((oc) => oc.columns(['moderator', 'task_id']).doNothing()).execute();
}

/** Locks a task the moderator holds with this token, or says why not. Expired but not re-leased still counts as held. */
export async function holdTask(tx: Tx, taskId: number, moderatorId: string, token: number) {
  const task = await tx.selectFrom('review_tasks').selectAll().where('id', '=', taskId).forUpdate().executeTakeFirst();
  if (!task) throw new LeaseError(`task ${taskId} does not exist`);
  if (task.status !== 'open') throw new LeaseError(`task ${taskId} is already ${task.status === 'done' ? 'decided' : task.status}`);
  if (task.lease_holder !== moderatorId || Number(task.lease_token) !== token)
    throw new LeaseError(`your lease on task ${taskId} has ended${task.lease_holder && task.lease_holder !== moderatorId ? ' and another moderator holds it now' : ''}; take the next task`);
  return task;
}

export async function heartbeat(db: Db, taskId: number, moderatorId: string, token: number, now: Date): Promise<Lease> {
  const settings = await loadReviewSettings(db);
  const expiresAt = new Date(now.getTime() + settings.lease_seconds * 1000);
  return db.transaction().execute(async (tx) => {
    await holdTask(tx, taskId, moderatorId, token);
    await tx.updateTable('review_tasks').set({ lease_expires_at: expiresAt }).where('id', '=', taskId).execute();
    return { taskId, token, expiresAt };
  });
}

// Ending a lease also drops the router's reservation: a released or skipped task goes back to the round.
const endLease = { lease_holder: null, lease_expires_at: null, leased_at: null, reserved_for: null, reserved_until: null } as const;

export async function releaseTask(db: Db, taskId: number, moderatorId: string, token: number, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await holdTask(tx, taskId, moderatorId, token);
    await tx.updateTable('review_tasks').set({ ...endLease, updated_at: now }).where('id', '=', taskId).execute();
  });
}

/** Returns the task to its queue, where this moderator will not be handed it again. */
export async function skipTask(db: Db, taskId: number, moderatorId: string, token: number, reason: string, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await holdTask(tx, taskId, moderatorId, token);
    await tx.insertInto('review_skips').values({ task_id: taskId, moderator: moderatorId, at: now, reason }).onConflict((oc) => oc.columns(['task_id', 'moderator']).doUpdateSet({ at: now, reason })).execute();
    await tx.updateTable('review_tasks').set({ ...endLease, skips: sql`skips + 1`, updated_at: now }).where('id', '=', taskId).execute();
  });
}

/** Moves the task to its queue's escalation queue, due by that queue's SLA. */
export async function escalateTask(db: Db, taskId: number, moderatorId: string, token: number, reason: string, now: Date): Promise<{ queue: string }> {
  return db.transaction().execute(async (tx) => {
    const task = await holdTask(tx, taskId, moderatorId, token);
    const queue = await tx.selectFrom('queues').select('escalation_queue').where('id', '=', task.queue_id).executeTakeFirstOrThrow();
    if (!queue.escalation_queue) throw new ConflictError(`queue ${task.queue_id} has no escalation queue`);
    const target = await tx.selectFrom('queues').select(['id', 'sla_minutes', 'archived']).where('id', '=', queue.escalation_queue).executeTakeFirstOrThrow();
    if (target.archived) throw new ConflictError(`escalation queue ${target.id} is archived`);
    await tx
      .updateTable('review_tasks')
      .set({ ...endLease, queue_id: target.id, escalations: sql`escalations + 1`, deadline: new Date(now.getTime() + target.sla_minutes * 60_000), updated_at: now })
      .where('id', '=', taskId)
      .execute();
    await tx.insertInto('review_signals').values({ task_id: taskId, at: now, source: 'manual', weight: 0, actor: moderatorId, reason: `escalated: ${reason}`, action_seq: null, strategy_id: null, strategy_version: null, decision_id: null, reporter: null, details: '{}' }).execute();
    return { queue: target.id };
  });
}
