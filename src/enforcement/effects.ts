// Writes automated actions into the action log (with their strategy, version, decision and parameters),
// applies what Vigil itself holds (entity labels), hands every action to the webhook outbox and stores the
// statement of reasons of each restricting one, all in the caller's transaction so an action exists
// exactly when the decision that caused it does.
import { sql } from 'kysely';
import type { EntityRef } from '../domain/index.js';
import type { Tx } from '../store/schema.js';
import { toRecord, type ActionRecord, type ActionRow } from './actions.js';
import { enqueueActionWebhooks } from './webhooks/index.js';
import { recordStatements } from './statements/index.js';

export interface AutomatedAction {
  verb: string;
  entity: EntityRef;
  policy: string;
  strategyId: string;
  version: number;
  decisionId: number;
  rule: string;
  /** The causing event's time: when the action takes effect in platform time. */
  effectiveAt: Date;
  details: Record<string, unknown>;
}

export async function applyAutomatedActions(tx: Tx, actions: readonly AutomatedAction[], now: Date): Promise<ActionRecord[]> {
  if (!actions.length) return [];
  const rows = await tx
    .insertInto('actions')
    .values(
      actions.map((a) => ({
        at: now,
        effective_at: a.effectiveAt,
        entity_type: a.entity.type,
        entity_id: a.entity.id,
        action: a.verb,
        policy_id: a.policy,
        source: 'strategy',
        actor: `strategy:${a.strategyId}@${a.version}`,
        reason: a.rule,
        reverts_seq: null,
        strategy_id: a.strategyId,
        strategy_version: a.version,
        decision_id: a.decisionId,
        details: JSON.stringify(a.details),
      })),
    )
    .returningAll()
    .execute();
  for (const a of actions) await applyLabel(tx, a.verb, a.entity, a.details.label);
  const records = rows.map((r) => toRecord(r as ActionRow));
  await enqueueActionWebhooks(tx, records, now);
  await recordStatements(tx, records.map((action) => ({ action })), now);
  return records;
}

/** label and unlabel change the entity's labels, which strategies read (has_label, .labels). */
export async function applyLabel(tx: Tx, verb: string, entity: EntityRef, label: unknown): Promise<void> {
  if (typeof label !== 'string') return;
  if (verb === 'label')
    await sql`UPDATE entities SET labels = (SELECT array_agg(DISTINCT l ORDER BY l) FROM unnest(labels || ARRAY[${label}::text]) AS l) WHERE type = ${entity.type} AND id = ${entity.id}`.execute(tx);
  else if (verb === 'unlabel') await sql`UPDATE entities SET labels = array_remove(labels, ${label}::text) WHERE type = ${entity.type} AND id = ${entity.id}`.execute(tx);
}
