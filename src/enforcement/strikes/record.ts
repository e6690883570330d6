// Writing ladder and penalty actions into the action log inside the caller's transaction, and the checks
// they share (the entity is known to Vigil, locked while its strikes are counted).
import type { ActionSource, EntityRef } from '../../domain/index.js';
import type { Tx } from '../../store/schema.js';
import { toRecord, UnknownEntityError, type ActionRecord, type ActionRow } from '../actions.js';

export interface NewAction {
  entity: EntityRef;
  action: string;
  policy: string | null;
  source: ActionSource;
  actor: string;
  reason: string;
  details: Record<string, unknown>;
  reverts_seq?: number;
}

/** Inserts one action (not yet sent to webhooks: the caller enqueues them together). */
export async function insertAction(tx: Tx, a: NewAction, now: Date): Promise<ActionRecord> {
  const row = await tx
    .insertInto('actions')
    .values({
      at: now,
      effective_at: now,
      entity_type: a.entity.type,
      entity_id: a.entity.id,
      action: a.action,
      policy_id: a.policy,
      source: a.source,
      actor: a.actor,
      reason: a.reason,
      reverts_seq: a.reverts_seq ?? null,
      details: JSON.stringify(a.details),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRecord(row as ActionRow);
}

/** Locks the entity's row until the transaction ends (so two strikes on one account count one after the other); throws when Vigil does not know it. */
export async function lockEntity(tx: Tx, ref: EntityRef): Promise<{ attrs: Record<string, unknown> }> {
  const row = await tx.selectFrom('entities').select('attrs').where('type', '=', ref.type).where('id', '=', ref.id).forUpdate().executeTakeFirst();
  if (!row) throw new UnknownEntityError(ref);
  return row;
}
