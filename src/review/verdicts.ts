// A moderator's verdict on the task they hold: a policy (a violation of it) or none (no violation). It
// records the verdict once, applies its enforcement in the same transaction (the item's action and a
// strike on the account behind it; or, for no violation, undoing what automation did to it and clearing
// it so automation of that policy does not act on it again), credits or discredits the reporters, and
// decides an appeal: upheld, or overturned with its effects reverted. A golden item's verdict and a QA
// re-review's verdict are recorded the same way but enforce nothing: the first is scored against the known
// answer, the second compared with the verdict it re-reviews (qa/).
import { sql } from 'kysely';
import { UnknownReferenceError } from '../catalogue/index.js';
import type { ActionKind, EntityRef } from '../domain/index.js';
import { applySellerPenalty, applyStrike, openRestrictions, recordHumanActions, revertOpenActions, type ActionRecord, type StatementContext } from '../enforcement/index.js';
import { appendAudit } from '../store/audit.js';
import type { Db, Tx } from '../store/schema.js';
import { holdTask } from './leases.js';
import { maybeStartDoubleReview, progressDoubleReview } from './qa/double.js';

export const VERDICT_ACTIONS = ['remove', 'age_gate', 'limit_reach', 'demonetize', 'interrupt', 'suspend', 'block', 'strike', 'remove_listing', 'suspend_shop', 'payout_hold'] as const;
export type VerdictAction = (typeof VERDICT_ACTIONS)[number];

export class InvalidVerdictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidVerdictError';
  }
}

export interface VerdictInput {
  taskId: number;
  token: number;
  moderator: string;
  /** The violated policy, or null for no violation. */
  policy: string | null;
  /** Enforcement for a violation; the entity type's default when absent. */
  actions?: VerdictAction[];
  notes?: string;
  handleMs?: number;
}

export interface VerdictRecord {
  id: number;
  task_id: number;
  at: string;
  moderator: string;
  entity: EntityRef;
  task_policy: string | null;
  policy: string | null;
  actions: ActionRecord[];
  appeal: { id: number; status: 'upheld' | 'overturned' } | null;
}

/** What a violation does by default, per entity type. */
export const DEFAULT_VERDICT_ACTIONS: Record<string, VerdictAction[]> = {
  content: ['remove', 'strike'],
  livestream: ['interrupt', 'strike'],
  account: ['strike'],
  shop: ['suspend_shop', 'strike'],
  device: ['block'],
  payment_instrument: ['block'],
  ip: ['block'],
};

/** The account that answers for an entity: itself, its owner, or a livestream's host. */
export async function accountBehind(tx: Tx, entity: EntityRef): Promise<EntityRef | undefined> {
  if (entity.type === 'account') return entity;
  const row = await tx
    .selectFrom('relations')
    .select('src_id')
    .where('dst_type', '=', entity.type)
    .where('dst_id', '=', entity.id)
    .where('src_type', '=', 'account')
    .where('kind', 'in', ['owns', 'hosts'])
    .orderBy('first_seen')
    .executeTakeFirst();
  return row ? { type: 'account', id: row.src_id } : undefined;
}

const SELLER_PENALTIES = new Set(['remove_listing', 'suspend_shop', 'payout_hold']);

/** Applies a violation's enforcement: strikes go to the account behind the item, through its policy's ladder. */
export async function applyViolation(tx: Tx, entity: EntityRef, policy: string, verbs: readonly VerdictAction[], actor: string, source: 'review' | 'appeal', reason: string, now: Date, statement: StatementContext): Promise<ActionRecord[]> {
  const out: ActionRecord[] = [];
  for (const verb of verbs) {
    if (verb === 'strike') {
      const account = await accountBehind(tx, entity);
      if (account) out.push(...(await applyStrike(tx, { account, policy, source, actor, reason, now })).actions);
    } else if (SELLER_PENALTIES.has(verb)) {
      out.push(...(await applySellerPenalty(tx, { target: entity, penalty: verb as 'remove_listing', policy, actor, reason, source, now })).actions);
    } else out.push(...(await recordHumanActions(tx, [{ entity, action: verb as ActionKind, policy, source, actor, reason }], now, statement)));
  }
  return out;
}

/** What a verdict's statement of reasons relies on: a user's notice when the item was reported, automated detection when a strategy raised it. */
async function statementContext(tx: Tx, taskId: number, facts: string): Promise<StatementContext> {
  const sources = new Set((await tx.selectFrom('review_signals').select('source').distinct().where('task_id', '=', taskId).execute()).map((r) => r.source));
  return {
    facts,
    sourceType: sources.has('report') ? 'SOURCE_ARTICLE_16' : 'SOURCE_VOLUNTARY',
    automatedDetection: sources.has('strategy'),
    automatedDecision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
  };
}

async function creditReporters(tx: Tx, taskId: number, upheld: boolean): Promise<void> {
  const reporters = await tx.selectFrom('review_signals').select('reporter').distinct().where('task_id', '=', taskId).where('source', '=', 'report').where('reporter', 'is not', null).execute();
  for (const { reporter } of reporters)
    await tx
      .insertInto('reporters')
      .values({ reporter: reporter!, upheld: upheld ? 1 : 0, rejected: upheld ? 0 : 1 })
      .onConflict((oc) => oc.column('reporter').doUpdateSet(upheld ? { upheld: sql`reporters.upheld + 1` } : { rejected: sql`reporters.rejected + 1` }))
      .execute();
}

export async function submitVerdict(db: Db, input: VerdictInput, now: Date): Promise<VerdictRecord> {
  return db.transaction().execute(async (tx) => {
    const task = await holdTask(tx, input.taskId, input.moderator, input.token);
    if (input.policy) {
      const p = await tx.selectFrom('policies').select(['id', 'archived']).where('id', '=', input.policy).executeTakeFirst();
      if (!p || p.archived) throw new UnknownReferenceError(`unknown policy ${JSON.stringify(input.policy)}`);
    }
    if (input.policy === null && input.actions?.length) throw new InvalidVerdictError('a verdict of no violation takes no enforcement actions');
    if (task.kind === 'appeal' && input.actions?.length) throw new InvalidVerdictError('an appeal is upheld or overturned; it takes no enforcement actions of its own');
    const entity = { type: task.entity_type, id: task.entity_id } as EntityRef;
    const source = task.kind === 'appeal' ? 'appeal' : 'review';
    const reason = input.notes?.trim() || (input.policy ? `a moderator found a violation of ${input.policy}` : 'a moderator found no violation');
    const applied: ActionRecord[] = [];
    let appeal: VerdictRecord['appeal'] = null;
    // Measurement, not decision: these verdicts must not act on the entity (no actions, strikes or webhooks).
    const qa = task.golden_item_id !== null ? 'golden' : task.qa_of_verdict !== null ? 're-review' : null;

    if (qa) {
      // Nothing to apply.
    } else if (task.kind === 'appeal') {
      const a = await tx.selectFrom('appeals').selectAll().where('id', '=', Number(task.appeal_id)).forUpdate().executeTakeFirstOrThrow();
      const overturned = input.policy === null;
      if (overturned) {
        // Undo the appealed action and everything the same verdict did with it (the strike behind a removal).
        const sibling = await tx.selectFrom('review_verdicts').select('action_seqs').where(sql<boolean>`${Number(a.action_seq)} = ANY(action_seqs)`).executeTakeFirst();
        const seqs = sibling ? sibling.action_seqs.map(Number) : [Number(a.action_seq)];
        applied.push(...(await revertOpenActions(tx, seqs, input.moderator, `appeal ${a.id} overturned: ${reason}`, 'appeal', now)));
        applied.push(...(await recordHumanActions(tx, [{ entity, action: 'allow', policy: task.policy_id, source, actor: input.moderator, reason: `appeal ${a.id} overturned` }], now)));
      }
      const status = overturned ? 'overturned' : 'upheld';
      await tx.updateTable('appeals').set({ status, decided_at: now, decided_by: input.moderator }).where('id', '=', a.id).execute();
      appeal = { id: a.id, status };
    } else if (input.policy) {
      const verbs = input.actions ?? DEFAULT_VERDICT_ACTIONS[entity.type] ?? [];
      applied.push(...(await applyViolation(tx, entity, input.policy, verbs, input.moderator, source, reason, now, await statementContext(tx, task.id, reason))));
    } else {
      const automated = await openRestrictions(tx, entity, { policy: task.policy_id, automatedOnly: true });
      applied.push(...(await revertOpenActions(tx, automated.map((a) => a.seq), input.moderator, `a moderator found no violation of ${task.policy_id ?? 'any policy'}`, 'review', now)));
      applied.push(...(await recordHumanActions(tx, [{ entity, action: 'allow', policy: task.policy_id, source, actor: input.moderator, reason }], now)));
    }

    const verdict = await tx
      .insertInto('review_verdicts')
      .values({
        task_id: task.id,
        at: now,
        moderator: input.moderator,
        entity_type: entity.type,
        entity_id: entity.id,
        task_policy: task.policy_id,
        policy_id: input.policy,
        action_seqs: applied.map((a) => a.seq),
        notes: input.notes ?? '',
        handle_ms: input.handleMs ?? null,
        lease_token: Number(task.lease_token),
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await tx.updateTable('review_tasks').set({ status: 'done', closed_at: now, closed_by: input.moderator, lease_expires_at: null, updated_at: now }).where('id', '=', task.id).execute();
    if (task.kind === 'review' && !qa) await creditReporters(tx, task.id, input.policy !== null && (task.policy_id === null || input.policy === task.policy_id));
    if (qa === 're-review') await progressDoubleReview(tx, Number(task.qa_of_verdict), now);
    else if (!qa && task.kind === 'review') await maybeStartDoubleReview(tx, { id: verdict.id, task_id: task.id, moderator: input.moderator, entity_type: entity.type, entity_id: entity.id, task_policy: task.policy_id, policy_id: input.policy }, now);
    await appendAudit(tx, now, { actor: input.moderator, action: task.kind === 'appeal' ? 'appeal.decide' : 'review.verdict', target_type: entity.type, target_id: entity.id, details: { task: task.id, verdict: verdict.id, policy: input.policy, actions: applied.map((a) => a.seq), ...(qa ? { qa } : {}) } });
    return { id: verdict.id, task_id: task.id, at: now.toISOString(), moderator: input.moderator, entity, task_policy: task.policy_id, policy: input.policy, actions: applied, appeal };
  });
}
