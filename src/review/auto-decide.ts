// Capacity-following thresholds applied: in a queue an operator opted in (review settings,
// assignment.auto_decide), waiting tasks whose likelihood lies outside the thresholds the staffed
// capacity calls for (./queue-thresholds.ts) are decided without review — near-certain ones actioned
// with the entity's default item action, near-zero ones dismissed — so the queue holds what the team
// can review. Automatic actions are recorded as automation (source `strategy`, actor vigil:thresholds,
// a fully automated statement of reasons), so a moderator's later verdict overrides them like any
// strategy's. Measurement samples, appeals, golden items and QA re-reviews are never decided this way.
import { sql } from 'kysely';
import { NotFoundError } from '../catalogue/index.js';
import type { ActionKind, EntityRef } from '../domain/index.js';
import { recordHumanActions } from '../enforcement/index.js';
import { appendAudit } from '../store/audit.js';
import type { Tx } from '../store/schema.js';
import { AUTO_DECIDER, queueThresholds } from './queue-thresholds.js';
import type { AssignmentConfig } from './settings.js';
import { automaticOutcome } from './thresholds.js';

export const AUTO_ACTOR = AUTO_DECIDER;

/**
 * The item action a near-certain violation gets without review: the verdict default without the strike.
 * Strikes, suspensions and seller penalties wait for a person; tasks about such entities stay in review.
 */
const AUTO_ACTION: Partial<Record<string, ActionKind>> = { content: 'remove', livestream: 'interrupt' };

export async function autoDecide(tx: Tx, config: AssignmentConfig, now: Date): Promise<{ actioned: number; dismissed: number }> {
  let actioned = 0;
  let dismissed = 0;
  for (const [queueId, opts] of Object.entries(config.autoDecide)) {
    let t;
    try {
      t = (await queueThresholds(tx, queueId, { hours: opts.windowHours, wrongfulActionWeight: opts.wrongfulActionWeight }, now)).recommended;
    } catch (err) {
      if (err instanceof NotFoundError) continue; // a queue named in settings that no longer exists
      throw err;
    }
    if (t.actionAbove === null && t.dismissBelow === null) continue;
    const { rows } = await sql<{ id: number; entity_type: string; entity_id: string; policy_id: string | null; likelihood: number | null }>`
      SELECT id, entity_type, entity_id, policy_id, (priority_parts->>'likelihood')::float8 AS likelihood
      FROM review_tasks
      WHERE queue_id = ${queueId} AND status = 'open' AND kind = 'review'
        AND (lease_expires_at IS NULL OR lease_expires_at <= ${now}) AND (reserved_until IS NULL OR reserved_until <= ${now})
        AND sample_probability IS NULL AND golden_item_id IS NULL AND qa_of_verdict IS NULL
      FOR UPDATE SKIP LOCKED`.execute(tx);
    for (const r of rows) {
      if (r.likelihood === null) continue;
      const outcome = automaticOutcome(r.likelihood, t);
      if (!outcome) continue;
      const entity = { type: r.entity_type, id: r.entity_id } as EntityRef;
      const reason = outcome === 'action' ? `likelihood ${r.likelihood.toFixed(3)} ≥ ${t.actionAbove?.toFixed(3)}: actioned without review at the queue's staffed capacity` : `likelihood ${r.likelihood.toFixed(3)} ≤ ${t.dismissBelow?.toFixed(3)}: dismissed without review at the queue's staffed capacity`;
      const verb = AUTO_ACTION[entity.type];
      if (outcome === 'action' && verb && r.policy_id) {
        await recordHumanActions(tx, [{ entity, action: verb, policy: r.policy_id, source: 'strategy', actor: AUTO_ACTOR, reason, details: { likelihood: r.likelihood, task_id: r.id } }], now, {
          facts: reason,
          sourceType: 'SOURCE_VOLUNTARY',
          automatedDetection: true,
          automatedDecision: 'AUTOMATED_DECISION_FULLY',
        });
        actioned++;
      } else if (outcome === 'action') continue; // nothing to act with: leave it to a person
      else dismissed++;
      await tx.updateTable('review_tasks').set({ status: outcome === 'action' ? 'done' : 'cancelled', closed_at: now, closed_by: AUTO_ACTOR, updated_at: now, reserved_for: null, reserved_until: null }).where('id', '=', r.id).execute();
      await appendAudit(tx, now, { actor: AUTO_ACTOR, action: outcome === 'action' ? 'review.auto_actioned' : 'review.auto_dismissed', target_type: 'review_task', target_id: String(r.id), details: { queue: queueId, likelihood: r.likelihood, action_above: t.actionAbove, dismiss_below: t.dismissBelow } });
    }
  }
  return { actioned, dismissed };
}
