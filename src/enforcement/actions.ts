// The action log: every enforcement action on an entity, append-only, with its policy, source and reason.
// The platform (and the simulator) read it back in order with `listActions(after)`.
import type { ActionKind, ActionSource, EntityRef } from '../domain/index.js';
import { requirePolicies } from '../catalogue/index.js';
import { appendAudit } from '../store/audit.js';
import type { Db, Executor } from '../store/schema.js';
import { enqueueActionWebhooks } from './webhooks/outbox.js';

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
}

export class UnknownEntityError extends Error {
  constructor(ref: EntityRef) {
    super(`entity ${ref.type}/${ref.id} is not known to Vigil: no event has mentioned it`);
    this.name = 'UnknownEntityError';
  }
}

type Row = { seq: number; at: Date; entity_type: string; entity_id: string; action: string; policy_id: string | null; source: string; actor: string; reason: string };
const toRecord = (r: Row): ActionRecord => ({
  seq: r.seq,
  at: r.at.toISOString(),
  entity: { type: r.entity_type as EntityRef['type'], id: r.entity_id },
  action: r.action,
  policy: r.policy_id,
  source: r.source,
  actor: r.actor,
  reason: r.reason,
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
    const record = toRecord(row as Row);
    await enqueueActionWebhooks(tx, [record], now);
    return record;
  });
}

export async function listActions(ex: Executor, options: { after?: number; entity?: EntityRef; limit: number }): Promise<ActionRecord[]> {
  let q = ex.selectFrom('actions').selectAll();
  if (options.after !== undefined) q = q.where('seq', '>', options.after);
  if (options.entity) q = q.where('entity_type', '=', options.entity.type).where('entity_id', '=', options.entity.id);
  const rows = await q.orderBy('seq', 'asc').limit(options.limit).execute();
  return rows.map((r) => toRecord(r as Row));
}
