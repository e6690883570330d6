// k-of-n double review: some verdicts (a share drawn at random, every severity tier 1 verdict, and any an
// analyst sends) get k - 1 further independent verdicts from other moderators, raised one after another as
// QA re-review tasks that enforce nothing. Unanimous: the first verdict stands. Otherwise the item waits
// for an adjudicator (someone who did not review it) whose decision is final; when it differs from the first
// verdict, the first verdict's enforcement is reverted and the adjudicated policy's default enforcement
// applied in its place.
import { sql, type Selectable } from 'kysely';
import { ConflictError, NotFoundError, UnknownReferenceError } from '../../catalogue/index.js';
import type { EntityRef, EntityType } from '../../domain/index.js';
import { recordHumanActions, revertOpenActions, type ActionRecord } from '../../enforcement/index.js';
import { appendAudit } from '../../store/audit.js';
import type { Db, Executor, Tx } from '../../store/schema.js';
import type { DoubleReviewStatus, QaDoubleReviewsTable } from '../../store/tables/qa.js';
import { sampleDraw } from '../samples.js';
import { loadReviewSettings } from '../settings.js';
import { raiseSignals, type RaisedSignal } from '../tasks.js';
import { applyViolation, DEFAULT_VERDICT_ACTIONS } from '../verdicts.js';

type VerdictRow = { id: number; task_id: number; moderator: string; entity_type: string; entity_id: string; task_policy: string | null; policy_id: string | null };

/** Raises the next QA re-review of a verdict; QA tasks never fail for want of a queue (the verdict is already recorded). */
async function raiseNextReview(tx: Tx, first: VerdictRow, actor: string, reason: string, now: Date): Promise<RaisedSignal> {
  const [raised] = await raiseSignals(
    tx,
    [{ entity: { type: first.entity_type as EntityType, id: first.entity_id }, policy: first.task_policy, source: 'qa', actor, reason, excludedModerator: first.moderator, qaOfVerdict: first.id, anyQueueAsLastResort: true, details: { verdict_id: first.id } }],
    now,
  );
  return raised!;
}

async function startDoubleReview(tx: Tx, first: VerdictRow, k: number, reason: 'sampled' | 'severe' | 'manual', now: Date): Promise<boolean> {
  const inserted = await tx
    .insertInto('qa_double_reviews')
    .values({ verdict_id: first.id, entity_type: first.entity_type, entity_id: first.entity_id, task_policy: first.task_policy, k, reason, outcome_policy: null, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('verdict_id').doNothing())
    .returning('verdict_id')
    .executeTakeFirst();
  return !!inserted;
}

/**
 * After an ordinary verdict: starts a double review when the verdict or the task concerns a severity tier 1
 * policy, or when the verdict is drawn at the configured rate. The draw is a hash of the verdict's id (as
 * for measurement samples), so a replayed run samples the same verdicts; a moderator learns the id only
 * once the verdict is in, so cannot steer it.
 */
export async function maybeStartDoubleReview(tx: Tx, first: VerdictRow, now: Date): Promise<void> {
  const { qa } = await loadReviewSettings(tx);
  const policies = [first.task_policy, first.policy_id].filter((p): p is string => !!p);
  const severe = policies.length ? !!(await tx.selectFrom('policies').select('id').where('id', 'in', policies).where('severity_tier', '=', 1).executeTakeFirst()) : false;
  const sampled = !severe && qa.double_review_rate > 0 && sampleDraw('vigil.qa.double-review', 'verdict', String(first.id)) < qa.double_review_rate;
  if (!severe && !sampled) return;
  if (await startDoubleReview(tx, first, qa.double_review_k, severe ? 'severe' : 'sampled', now)) await raiseNextReview(tx, first, 'system:qa', 'double review', now);
}

/** An analyst sends a decided item for an independent re-review; disagreement goes to adjudication like any double review. */
export async function raiseQaReview(db: Db, verdictId: number, actor: string, now: Date): Promise<RaisedSignal> {
  return db.transaction().execute(async (tx) => {
    const v = await tx.selectFrom('review_verdicts').selectAll().where('id', '=', verdictId).executeTakeFirst();
    if (!v) throw new NotFoundError(`no verdict ${verdictId}`);
    const task = await tx.selectFrom('review_tasks').select(['kind', 'golden_item_id', 'qa_of_verdict']).where('id', '=', Number(v.task_id)).executeTakeFirstOrThrow();
    if (task.qa_of_verdict !== null) throw new ConflictError(`verdict ${verdictId} is itself a QA re-review of verdict ${task.qa_of_verdict}; send that one`);
    if (task.golden_item_id !== null) throw new ConflictError(`verdict ${verdictId} answered a golden item, whose answer is known; it needs no re-review`);
    if (task.kind !== 'review') throw new ConflictError(`verdict ${verdictId} decided an appeal; QA re-reviews are for review verdicts`);
    const first = { ...v, task_id: Number(v.task_id) };
    const { qa } = await loadReviewSettings(tx);
    await startDoubleReview(tx, first, qa.double_review_k, 'manual', now);
    return raiseNextReview(tx, first, actor, `QA re-review of verdict ${verdictId}`, now);
  });
}

/** Every verdict of a double review: the first, then the re-reviews in order. */
async function groupVerdicts(ex: Executor, firstId: number) {
  return ex
    .selectFrom('review_verdicts as v')
    .innerJoin('review_tasks as t', 't.id', 'v.task_id')
    .select(['v.id', 'v.moderator', 'v.policy_id', 'v.at'])
    .where((eb) => eb.or([eb('v.id', '=', firstId), eb('t.qa_of_verdict', '=', firstId)]))
    .orderBy('v.id')
    .execute();
}

/** After a QA re-review verdict: raise the next review, or settle the double review (agreed, or to adjudication). */
export async function progressDoubleReview(tx: Tx, firstId: number, now: Date): Promise<void> {
  const dr = await tx.selectFrom('qa_double_reviews').selectAll().where('verdict_id', '=', firstId).forUpdate().executeTakeFirst();
  // A re-review raised after the double review settled (an extra look an analyst asked for) changes nothing.
  if (!dr || dr.status !== 'collecting') return;
  const verdicts = await groupVerdicts(tx, firstId);
  if (verdicts.length < dr.k) {
    const first = await tx.selectFrom('review_verdicts').selectAll().where('id', '=', firstId).executeTakeFirstOrThrow();
    await raiseNextReview(tx, { ...first, task_id: Number(first.task_id) }, 'system:qa', `double review (${verdicts.length + 1} of ${dr.k})`, now);
    return;
  }
  const unanimous = verdicts.every((v) => v.policy_id === verdicts[0]!.policy_id);
  await tx
    .updateTable('qa_double_reviews')
    .set(unanimous ? { status: 'agreed', outcome_policy: verdicts[0]!.policy_id, updated_at: now } : { status: 'adjudicating', updated_at: now })
    .where('verdict_id', '=', firstId)
    .execute();
}

export interface DoubleReviewView {
  verdict_id: number;
  entity: EntityRef;
  task_policy: string | null;
  k: number;
  reason: string;
  status: DoubleReviewStatus;
  outcome: string | null;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
  decision_notes: string;
  corrected_action_seqs: number[];
  reviews: { verdict_id: number; moderator: string; policy: string | null; at: string }[];
}

export async function listDoubleReviews(ex: Executor, options: { status?: DoubleReviewStatus; limit: number; before?: number }): Promise<DoubleReviewView[]> {
  let q = ex.selectFrom('qa_double_reviews').selectAll();
  if (options.status) q = q.where('status', '=', options.status);
  if (options.before !== undefined) q = q.where('verdict_id', '<', options.before);
  const rows = await q.orderBy('verdict_id', 'desc').limit(options.limit).execute();
  return Promise.all(rows.map(async (r) => toView(r, await groupVerdicts(ex, Number(r.verdict_id)))));
}

type DrRow = Selectable<QaDoubleReviewsTable>;
const toView = (r: DrRow, verdicts: Awaited<ReturnType<typeof groupVerdicts>>): DoubleReviewView => ({
  verdict_id: Number(r.verdict_id),
  entity: { type: r.entity_type, id: r.entity_id } as EntityRef,
  task_policy: r.task_policy,
  k: r.k,
  reason: r.reason,
  status: r.status,
  outcome: r.status === 'agreed' || r.status === 'decided' ? r.outcome_policy : null,
  created_at: r.created_at.toISOString(),
  decided_at: r.decided_at?.toISOString() ?? null,
  decided_by: r.decided_by,
  decision_notes: r.decision_notes,
  corrected_action_seqs: r.corrected_action_seqs.map(Number),
  reviews: verdicts.map((v) => ({ verdict_id: Number(v.id), moderator: v.moderator, policy: v.policy_id, at: v.at.toISOString() })),
});

export interface AdjudicationInput {
  verdictId: number;
  /** The final answer: the violated policy, or null for no violation. */
  policy: string | null;
  actor: string;
  notes?: string;
}

export async function decideAdjudication(db: Db, input: AdjudicationInput, now: Date): Promise<DoubleReviewView & { corrected: ActionRecord[] }> {
  return db.transaction().execute(async (tx) => {
    const dr = await tx.selectFrom('qa_double_reviews').selectAll().where('verdict_id', '=', input.verdictId).forUpdate().executeTakeFirst();
    if (!dr) throw new NotFoundError(`verdict ${input.verdictId} is not under double review`);
    if (dr.status !== 'adjudicating') throw new ConflictError(`the double review of verdict ${input.verdictId} is ${dr.status === 'collecting' ? 'still collecting reviews' : `already ${dr.status}`}; only disagreements are adjudicated`);
    const verdicts = await groupVerdicts(tx, input.verdictId);
    if (verdicts.some((v) => v.moderator === input.actor)) throw new ConflictError(`you reviewed this item; an adjudicator must be someone who did not`);
    if (input.policy !== null) {
      const p = await tx.selectFrom('policies').select('id').where('id', '=', input.policy).where('archived', '=', false).executeTakeFirst();
      if (!p) throw new UnknownReferenceError(`unknown policy ${JSON.stringify(input.policy)}`);
    }
    const first = await tx.selectFrom('review_verdicts').selectAll().where('id', '=', input.verdictId).executeTakeFirstOrThrow();
    const entity = { type: first.entity_type, id: first.entity_id } as EntityRef;
    const corrected: ActionRecord[] = [];
    if (input.policy !== first.policy_id) {
      // The adjudication is final: what the first verdict did is undone, and the adjudicated answer enforced as a verdict would.
      const reason = `adjudication of verdict ${first.id}: ${input.policy ? `violation of ${input.policy}` : 'no violation'}${input.notes?.trim() ? ` (${input.notes.trim()})` : ''}`;
      corrected.push(...(await revertOpenActions(tx, first.action_seqs.map(Number), input.actor, reason, 'review', now)));
      if (input.policy) corrected.push(...(await applyViolation(tx, entity, input.policy, DEFAULT_VERDICT_ACTIONS[entity.type] ?? [], input.actor, 'review', reason, now, { facts: reason, sourceType: 'SOURCE_VOLUNTARY', automatedDetection: false, automatedDecision: 'AUTOMATED_DECISION_NOT_AUTOMATED' })));
      else corrected.push(...(await recordHumanActions(tx, [{ entity, action: 'allow', policy: first.task_policy, source: 'review', actor: input.actor, reason }], now)));
    }
    const updated = await tx
      .updateTable('qa_double_reviews')
      .set({ status: 'decided', outcome_policy: input.policy, decided_at: now, decided_by: input.actor, decision_notes: input.notes ?? '', corrected_action_seqs: sql`${sql.val(corrected.map((a) => a.seq))}::bigint[]`, updated_at: now })
      .where('verdict_id', '=', input.verdictId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, now, { actor: input.actor, action: 'qa.adjudicate', target_type: entity.type, target_id: entity.id, details: { verdict: first.id, policy: input.policy, first_policy: first.policy_id, corrected: corrected.map((a) => a.seq) } });
    return { ...toView(updated, verdicts), corrected };
  });
}
