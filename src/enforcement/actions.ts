// The action log: every enforcement action on an entity, append-only, with its policy, source and reason.
// The platform (and the simulator) read it back in order with `listActions(after)`.
import type { ActionKind, ActionSource, EntityRef } from '../domain/index.js';
import { requirePolicies } from '../catalogue/index.js';
import { appendAudit } from '../store/audit.js';
import type { Db, Executor } from '../store/schema.js';
import { enqueueActionWebhooks } from './webhooks/outbox.js';
import { recordStatements } from './statements/store.js';

export interface ActionRequest {
  entity: EntityRef;
  action: ActionKind;
  policy?: string;
  reason?: string;
  source: ActionSource;
  actor: string;
}

export interface ActionRecord {
  seq: number;
  at: string;
  entity: EntityRef;
  action: string;
  policy: string | null;
  source: string;
  actor: string;
  reason: string;
  /** When it took effect in the platform's time (the causing event's time for strategy actions). */
  effective_at: string;
  strategy: { id: string; version: number; decision_id: number | null } | null;
  /** Parameters: label, queue, priority, duration_ms, message. */
  details: Record<string, unknown>;
  reverts_seq: number | null;
  reverted_by: number | null;
}

export class UnknownEntityError extends Error {
  constructor(ref: EntityRef, count = 1) {
    super(`entity ${ref.type}/${ref.id}${count > 1 ? ` and ${count - 1} more` : ''} ${count > 1 ? 'are' : 'is'} not known to Vigil: no event has mentioned ${count > 1 ? 'them' : 'it'}`);
    this.name = 'UnknownEntityError';
  }
}

export type ActionRow = {
  seq: number;
  at: Date;
  effective_at: Date;
  entity_type: string;
  entity_id: string;
  action: string;
  policy_id: string | null;
  source: string;
  actor: string;
  reason: string;
  strategy_id: string | null;
  strategy_version: number | null;
  decision_id: number | null;
  details: Record<string, unknown>;
  reverts_seq: number | null;
  /** From the revert that points back at it, when there is one. */
  reverted_by?: number | null;
};
export const toRecord = (r: ActionRow): ActionRecord => ({
  seq: r.seq,
  at: r.at.toISOString(),
  effective_at: r.effective_at.toISOString(),
  entity: { type: r.entity_type as EntityRef['type'], id: r.entity_id },
  action: r.action,
  policy: r.policy_id,
  source: r.source,
  actor: r.actor,
  reason: r.reason,
  strategy: r.strategy_id === null ? null : { id: r.strategy_id, version: r.strategy_version!, decision_id: r.decision_id },
  details: r.details,
  reverts_seq: r.reverts_seq,
  reverted_by: r.reverted_by ?? null,
});

export async function recordAction(db: Db, request: ActionRequest, now: Date): Promise<ActionRecord> {
  return db.transaction().execute(async (tx) => {
    const known = await tx.selectFrom('entities').select('id').where('type', '=', request.entity.type).where('id', '=', request.entity.id).executeTakeFirst();
    if (!known) throw new UnknownEntityError(request.entity);
    if (request.policy) await requirePolicies(tx, [request.policy]);
    const row = await tx
      .insertInto('actions')
      .values({
        at: now,
        effective_at: now,
        entity_type: request.entity.type,
        entity_id: request.entity.id,
        action: request.action,
        policy_id: request.policy ?? null,
        source: request.source,
        actor: request.actor,
        reason: request.reason ?? '',
        reverts_seq: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, now, { actor: request.actor, action: `action.${request.action}`, target_type: request.entity.type, target_id: request.entity.id, details: { seq: row.seq, policy: request.policy ?? null } });
    const record = toRecord(row as ActionRow);
    await enqueueActionWebhooks(tx, [record], now);
    await recordStatements(tx, [{ action: record }], now);
    return record;
  });
}

export async function listActions(ex: Executor, options: { after?: number; before?: number; newestFirst?: boolean; entity?: EntityRef; strategy?: { id: string; version?: number }; limit: number }): Promise<ActionRecord[]> {
  let q = ex
    .selectFrom('actions as a')
    .leftJoin('actions as r', 'r.reverts_seq', 'a.seq')
    .selectAll('a')
    .select('r.seq as reverted_by');
  if (options.after !== undefined) q = q.where('a.seq', '>', options.after);
  if (options.entity) q = q.where('a.entity_type', '=', options.entity.type).where('a.entity_id', '=', options.entity.id);
  if (options.before !== undefined) q = q.where('a.seq', '<', options.before);
  if (options.strategy) q = q.where('a.strategy_id', '=', options.strategy.id);
  if (options.strategy?.version !== undefined) q = q.where('a.strategy_version', '=', options.strategy.version);
  const rows = await q.orderBy('a.seq', options.newestFirst ? 'desc' : 'asc').limit(options.limit).execute();
  return rows.map((r) => toRecord(r as ActionRow));
}
