// Golden items: entities whose right answer a QA lead has settled, handed to moderators now and then as
// if they were ordinary queued work, so each moderator's accuracy is measured on known answers. A golden
// task is a review task of its own (never the entity's real task, which reports and strategies keep
// feeding), leased straight to the moderator it was drawn for; its verdict is scored and enforces nothing.
import { sql } from 'kysely';
import { NotFoundError, UnknownReferenceError } from '../../catalogue/index.js';
import type { EntityRef } from '../../domain/index.js';
import { appendAudit } from '../../store/audit.js';
import type { Db, Executor, Tx } from '../../store/schema.js';
import type { Lease, Moderator } from '../leases.js';
import { chooseQueue, loadRouting } from '../routing.js';
import { taskAttributes } from '../tasks.js';

export interface GoldenItemInput {
  entity: EntityRef;
  /** The policy the task asks about, as an ordinary task would. */
  policy: string;
  /** The right answer: the violated policy, or null for no violation. */
  expected: string | null;
  notes?: string;
  actor: string;
}

export interface GoldenItem {
  id: number;
  entity: EntityRef;
  policy: string;
  expected: string | null;
  notes: string;
  created_by: string;
  created_at: string;
  archived: boolean;
  answers: number;
  correct: number;
}

export async function createGoldenItem(db: Db, input: GoldenItemInput, now: Date): Promise<GoldenItem> {
  return db.transaction().execute(async (tx) => {
    const entity = await tx.selectFrom('entities').select('id').where('type', '=', input.entity.type).where('id', '=', input.entity.id).executeTakeFirst();
    // A golden task shows the entity's events like any task; one Vigil has never seen would stand out as empty.
    if (!entity) throw new UnknownReferenceError(`entity ${input.entity.type}/${input.entity.id} is not known to Vigil: no event has mentioned it`);
    for (const p of [input.policy, input.expected]) {
      if (p === null) continue;
      const row = await tx.selectFrom('policies').select('id').where('id', '=', p).where('archived', '=', false).executeTakeFirst();
      if (!row) throw new UnknownReferenceError(`unknown policy ${JSON.stringify(p)}`);
    }
    const row = await tx
      .insertInto('qa_golden_items')
      .values({ entity_type: input.entity.type, entity_id: input.entity.id, policy_id: input.policy, expected_policy: input.expected, notes: input.notes ?? '', created_by: input.actor, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, now, { actor: input.actor, action: 'qa.golden.create', target_type: input.entity.type, target_id: input.entity.id, details: { golden_item: row.id, policy: input.policy, expected: input.expected } });
    return toItem(row, 0, 0);
  });
}

export async function archiveGoldenItem(db: Db, id: number, actor: string, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await tx.updateTable('qa_golden_items').set({ archived: true }).where('id', '=', id).returning(['entity_type', 'entity_id']).executeTakeFirst();
    if (!row) throw new NotFoundError(`no golden item ${id}`);
    await appendAudit(tx, now, { actor, action: 'qa.golden.archive', target_type: row.entity_type, target_id: row.entity_id, details: { golden_item: id } });
  });
}

type ItemRow = { id: number; entity_type: string; entity_id: string; policy_id: string; expected_policy: string | null; notes: string; created_by: string; created_at: Date; archived: boolean };
const toItem = (r: ItemRow, answers: number, correct: number): GoldenItem => ({
  id: Number(r.id),
  entity: { type: r.entity_type, id: r.entity_id } as EntityRef,
  policy: r.policy_id,
  expected: r.expected_policy,
  notes: r.notes,
  created_by: r.created_by,
  created_at: r.created_at.toISOString(),
  archived: r.archived,
  answers,
  correct,
});

export async function listGoldenItems(ex: Executor, options: { includeArchived?: boolean; limit: number; before?: number }): Promise<GoldenItem[]> {
  let q = ex.selectFrom('qa_golden_items').selectAll();
  if (!options.includeArchived) q = q.where('archived', '=', false);
  if (options.before !== undefined) q = q.where('id', '<', options.before);
  const rows = await q.orderBy('id', 'desc').limit(options.limit).execute();
  if (!rows.length) return [];
  const scores = await ex
    .selectFrom('review_verdicts as v')
    .innerJoin('review_tasks as t', 't.id', 'v.task_id')
    .innerJoin('qa_golden_items as g', 'g.id', 't.golden_item_id')
    .select(['g.id', sql<number>`count(*)`.as('answers'), sql<number>`count(*) FILTER (WHERE v.policy_id IS NOT DISTINCT FROM g.expected_policy)`.as('correct')])
    .where('g.id', 'in', rows.map((r) => r.id))
    .groupBy('g.id')
    .execute();
  const by = new Map(scores.map((s) => [Number(s.id), s]));
  return rows.map((r) => toItem(r, Number(by.get(Number(r.id))?.answers ?? 0), Number(by.get(Number(r.id))?.correct ?? 0)));
}

/**
 * Golden tasks nobody will decide: released, skipped or escalated ones (no holder), and the asking
 * moderator's own whose lease ran out (they asked for the next task, so they have moved on). Another
 * moderator's expired lease is left alone: an expired lease not yet re-leased may still be decided.
 */
export async function sweepGoldenTasks(tx: Tx, moderatorId: string, now: Date): Promise<void> {
  await sql`
    UPDATE review_tasks SET status = 'cancelled', closed_at = ${now}, updated_at = ${now}, lease_expires_at = NULL
    WHERE golden_item_id IS NOT NULL AND status = 'open'
      AND (lease_holder IS NULL OR (lease_holder = ${moderatorId} AND lease_expires_at <= ${now}))`.execute(tx);
}

/**
 * Opens a golden task for the moderator and leases it to them, or returns undefined when no golden item
 * fits: one they have not answered before, whose task would route to a queue they may work (and the
 * queue they asked for, if any). Runs inside nextTask's transaction.
 */
export async function injectGoldenTask(
  tx: Tx,
  moderator: Moderator,
  options: { queue?: string; accepts?: (item: { policy: string; language: string | null; modality: string | null }) => boolean },
  now: Date,
  expiresAt: Date,
  random: () => number = Math.random,
): Promise<Lease | undefined> {
  const candidates = await sql<{ id: number; entity_type: string; entity_id: string; policy_id: string }>`
    SELECT g.id, g.entity_type, g.entity_id, g.policy_id FROM qa_golden_items g
    WHERE NOT g.archived
      AND NOT EXISTS (SELECT 1 FROM review_tasks t WHERE t.golden_item_id = g.id
                      AND (t.lease_holder = ${moderator.id} OR t.closed_by = ${moderator.id}
                           OR EXISTS (SELECT 1 FROM review_skips s WHERE s.task_id = t.id AND s.moderator = ${moderator.id})))
    ORDER BY random() LIMIT 20`.execute(tx);
  if (!candidates.rows.length) return undefined;
  const routing = await loadRouting(tx);
  const queues = await tx.selectFrom('queues').select(['id', 'teams', 'state', 'archived', 'sla_minutes']).execute();
  for (const g of candidates.rows) {
    const entity = { type: g.entity_type, id: g.entity_id } as EntityRef;
    const attrs = await taskAttributes(tx, { entity, policy: g.policy_id, source: 'qa', actor: 'system:qa' });
    const queueId = chooseQueue(routing.rules, routing.queues, attrs);
    const q = queues.find((x) => x.id === queueId);
    if (!q || q.archived || q.state === 'paused') continue;
    if (options.queue !== undefined && q.id !== options.queue) continue;
    if (q.teams.length && !q.teams.some((t) => moderator.teams.includes(t))) continue;
    // A moderator with a profile gets only what they may take (certification, language, exposure budget left).
    if (options.accepts && !options.accepts({ policy: g.policy_id, language: attrs.language, modality: attrs.modality })) continue;
    // A task raised just now would be due a full SLA from now; queued work has usually waited a while, so the
    // deadline is drawn from the SLA's last 80 % to look like it.
    const deadline = new Date(now.getTime() + Math.round(q.sla_minutes * 60_000 * (0.2 + 0.8 * random())));
    const task = await tx
      .insertInto('review_tasks')
      .values({
        kind: 'review',
        entity_type: entity.type,
        entity_id: entity.id,
        policy_id: g.policy_id,
        queue_id: q.id,
        priority: 0,
        severity_tier: attrs.severityTier,
        deadline,
        created_at: now,
        updated_at: now,
        modality: attrs.modality,
        language: attrs.language,
        market: attrs.market,
        sample_probability: null,
        appeal_id: null,
        excluded_moderator: null,
        golden_item_id: Number(g.id),
        lease_holder: moderator.id,
        lease_token: sql`1`,
        leased_at: now,
        lease_expires_at: expiresAt,
      })
      .returning(['id', 'lease_token'])
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('review_signals')
      .values({ task_id: task.id, at: now, source: 'qa', weight: 0, action_seq: null, strategy_id: null, strategy_version: null, decision_id: null, reporter: null, actor: 'system:qa', reason: `golden item ${g.id}`, details: JSON.stringify({ golden_item_id: Number(g.id) }) })
      .execute();
    return { taskId: Number(task.id), token: Number(task.lease_token), expiresAt };
  }
  return undefined;
}
