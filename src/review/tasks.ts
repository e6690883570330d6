// Raising review tasks. Every reason to look at an entity under a policy (a strategy's enqueue action, a
// user report, an appeal, a QA or measurement sample) is a signal; signals about the same (entity,
// policy) while a task is open gather on that one task and raise its priority instead of duplicating it.
import { sql } from 'kysely';
import type { EntityRef } from '../domain/index.js';
import type { Executor, Tx } from '../store/schema.js';
import type { SignalSource } from '../store/tables/review.js';
import { refreshPriorities } from './reprioritise.js';
import { chooseQueue, loadRouting, type TaskAttributes } from './routing.js';

export interface SignalInput {
  kind?: 'review' | 'appeal';
  entity: EntityRef;
  policy: string | null;
  source: SignalSource;
  /** Reports: the reporter's weight; others 1. */
  weight?: number;
  priority?: number;
  /** A queue chosen by the raiser (a strategy's enqueue); routing decides otherwise. */
  queue?: string;
  /** Never refuse for want of a queue: fall back to the first queue taking work, marked misrouted (signals from the pipeline must not be lost). */
  anyQueueAsLastResort?: boolean;
  actionSeq?: number;
  strategy?: { id: string; version: number; decisionId: number | null };
  reporter?: string;
  actor: string;
  reason?: string;
  details?: Record<string, unknown>;
  sampleProbability?: number;
  appealId?: number;
  /** Who may not review it (an appeal's original moderator). */
  excludedModerator?: string;
  /** A QA re-review of this verdict: a task of its own that never gathers other signals and never enforces. */
  qaOfVerdict?: number;
}

export class NoQueueError extends Error {
  constructor(t: TaskAttributes) {
    super(`no review queue takes ${t.kind === 'appeal' ? 'appeals' : 'tasks'} for policy ${JSON.stringify(t.policy)}${t.language ? ` in language ${t.language}` : ''}: add a routing rule or a queue that reviews it`);
    this.name = 'NoQueueError';
  }
}

export interface RaisedSignal {
  taskId: number;
  signalId: number;
  created: boolean;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

export async function taskAttributes(tx: Executor, s: SignalInput): Promise<TaskAttributes> {
  const [entity, policy] = await Promise.all([
    tx.selectFrom('entities').select('attrs').where('type', '=', s.entity.type).where('id', '=', s.entity.id).executeTakeFirst(),
    s.policy ? tx.selectFrom('policies').select('severity_tier').where('id', '=', s.policy).executeTakeFirst() : undefined,
  ]);
  const attrs = (entity?.attrs ?? {}) as Record<string, unknown>;
  return { kind: s.kind ?? 'review', policy: s.policy, modality: str(attrs.modality), language: str(attrs.language), market: str(attrs.market), severityTier: policy?.severity_tier ?? null };
}

async function openTaskId(tx: Tx, s: SignalInput): Promise<number | undefined> {
  if (s.qaOfVerdict !== undefined) {
    const qa = await tx.selectFrom('review_tasks').select('id').where('qa_of_verdict', '=', s.qaOfVerdict).where('status', '=', 'open').forUpdate().executeTakeFirst();
    return qa?.id;
  }
  const row = await tx
    .selectFrom('review_tasks')
    .select('id')
    // Golden items and QA re-reviews are not the entity's task: a report must not land on (or reveal) them.
    .where('golden_item_id', 'is', null)
    .where('qa_of_verdict', 'is', null)
    .where('kind', '=', s.kind ?? 'review')
    .where('entity_type', '=', s.entity.type)
    .where('entity_id', '=', s.entity.id)
    .where(sql<string>`COALESCE(policy_id, '')`, '=', s.policy ?? '')
    .where('status', '=', 'open')
    .forUpdate()
    .executeTakeFirst();
  return row?.id;
}

async function createTask(tx: Tx, s: SignalInput, now: Date): Promise<{ id: number | undefined; misrouted: boolean }> {
  const attrs = await taskAttributes(tx, s);
  const routing = await loadRouting(tx);
  const explicit = s.queue ? routing.queues.find((q) => q.id === s.queue && !q.archived && q.state !== 'draining') : undefined;
  const queueId = explicit?.id ?? chooseQueue(routing.rules, routing.queues, attrs);
  const lastResort = !queueId && s.anyQueueAsLastResort ? routing.queues.find((q) => !q.archived && q.state !== 'draining')?.id : undefined;
  const chosen = queueId ?? lastResort;
  if (!chosen) throw new NoQueueError(attrs);
  const queue = await tx.selectFrom('queues').select('sla_minutes').where('id', '=', chosen).executeTakeFirstOrThrow();
  const deadline = new Date(now.getTime() + queue.sla_minutes * 60_000);
  const conflict =
    s.qaOfVerdict === undefined
      ? sql`ON CONFLICT (kind, entity_type, entity_id, (COALESCE(policy_id, ''))) WHERE status = 'open' AND golden_item_id IS NULL AND qa_of_verdict IS NULL DO NOTHING`
      : sql`ON CONFLICT (qa_of_verdict) WHERE status = 'open' AND qa_of_verdict IS NOT NULL DO NOTHING`;
  const inserted = await sql<{ id: number }>`
    INSERT INTO review_tasks (kind, entity_type, entity_id, policy_id, queue_id, priority, severity_tier, deadline, created_at, updated_at,
                              modality, language, market, sample_probability, appeal_id, excluded_moderator, qa_of_verdict)
    VALUES (${attrs.kind}, ${s.entity.type}, ${s.entity.id}, ${s.policy}, ${chosen}, 0, ${attrs.severityTier},
            ${deadline}, ${now}, ${now}, ${attrs.modality}, ${attrs.language}, ${attrs.market}, ${s.sampleProbability ?? null}, ${s.appealId ?? null}, ${s.excludedModerator ?? null},
            ${s.qaOfVerdict ?? null})
    ${conflict}
    RETURNING id`.execute(tx);
  return { id: inserted.rows[0]?.id, misrouted: !queueId };
}

/** Recomputes a task's priority from all its signals (./value.ts has the formula). */
export async function refreshPriority(tx: Tx, taskId: number, now: Date): Promise<void> {
  await refreshPriorities(tx, [taskId], now, { keepPressure: true });
  await tx.updateTable('review_tasks').set({ updated_at: now }).where('id', '=', taskId).execute();
}

/** Adds signals, opening a task for each (entity, policy) that has none open. Runs in the caller's transaction. */
export async function raiseSignals(tx: Tx, signals: readonly SignalInput[], now: Date): Promise<RaisedSignal[]> {
  const raised: RaisedSignal[] = [];
  for (const s of signals) {
    let taskId = await openTaskId(tx, s);
    let created = false;
    let misrouted = false;
    if (taskId === undefined) {
      ({ id: taskId, misrouted } = await createTask(tx, s, now));
      created = taskId !== undefined;
      // Another transaction opened it first: join that one.
      taskId ??= await openTaskId(tx, s);
      if (taskId === undefined) throw new Error(`task for ${s.entity.type}/${s.entity.id} vanished while raising it`);
    }
    const details = { ...(s.details ?? {}), ...(s.priority !== undefined ? { priority: s.priority } : {}), ...(misrouted ? { misrouted: true } : {}) };
    const signal = await tx
      .insertInto('review_signals')
      .values({
        task_id: taskId,
        at: now,
        source: s.source,
        weight: s.weight ?? 1,
        action_seq: s.actionSeq ?? null,
        strategy_id: s.strategy?.id ?? null,
        strategy_version: s.strategy?.version ?? null,
        decision_id: s.strategy?.decisionId ?? null,
        reporter: s.reporter ?? null,
        actor: s.actor,
        reason: s.reason ?? '',
        details: JSON.stringify(details),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await refreshPriority(tx, taskId, now);
    raised.push({ taskId, signalId: signal.id, created });
  }
  return raised;
}
