// Actions people take (review verdicts, appeals, bulk actions on many entities), written in the caller's transaction with
// the audit entry and the webhook that notifies the platform, so that a verdict and its effects commit together.
import type { ActionKind, ActionSource, EntityRef } from '../domain/index.js';
import { appendAudit } from '../store/audit.js';
import { requirePolicies } from '../catalogue/index.js';
import type { Db, Tx } from '../store/schema.js';
import { toRecord, UnknownEntityError, type ActionRecord, type ActionRow } from './actions.js';
import { applyLabel } from './effects.js';
import { recordStatements, type StatementContext } from './statements/index.js';
import { enqueueActionWebhooks } from './webhooks/index.js';

export interface HumanAction {
  entity: EntityRef;
  action: ActionKind;
  policy: string | null;
  source: ActionSource;
  actor: string;
  reason: string;
  details?: Record<string, unknown>;
}

/** `statement` says what the statements of reasons of restricting actions rely on (a notice, automated detection, the facts). */
export async function recordHumanActions(tx: Tx, actions: readonly HumanAction[], now: Date, statement: StatementContext = {}): Promise<ActionRecord[]> {
  if (!actions.length) return [];
  const rows = await tx
    .insertInto('actions')
    .values(
      actions.map((a) => ({
        at: now,
        effective_at: now,
        entity_type: a.entity.type,
        entity_id: a.entity.id,
        action: a.action,
        policy_id: a.policy,
        source: a.source,
        actor: a.actor,
        reason: a.reason,
        reverts_seq: null,
        details: JSON.stringify(a.details ?? {}),
      })),
    )
    .returningAll()
    .execute();
  for (const a of actions) await applyLabel(tx, a.action, a.entity, a.details?.label);
  const records = rows.map((r) => toRecord(r as ActionRow));
  for (const r of records) await appendAudit(tx, now, { actor: r.actor, action: `action.${r.action}`, target_type: r.entity.type, target_id: r.entity.id, details: { seq: r.seq, policy: r.policy, source: r.source } });
  await enqueueActionWebhooks(tx, records, now);
  await recordStatements(tx, records.map((action) => ({ ...statement, action })), now);
  return records;
}

/** One action on many entities at once, all or nothing: refused whole when any entity is unknown to Vigil. */
export async function recordBulkAction(db: Db, request: { entities: EntityRef[]; action: ActionKind; policy: string | null; reason: string; actor: string }, now: Date): Promise<ActionRecord[]> {
  const unique = [...new Map(request.entities.map((e) => [`${e.type}:${e.id}`, e])).values()];
  return db.transaction().execute(async (tx) => {
    const known = new Set<string>();
    for (const type of new Set(unique.map((e) => e.type))) {
      const ids = unique.filter((e) => e.type === type).map((e) => e.id);
      for (const r of await tx.selectFrom('entities').select('id').where('type', '=', type).where('id', 'in', ids).execute()) known.add(`${type}:${r.id}`);
    }
    const missing = unique.filter((e) => !known.has(`${e.type}:${e.id}`));
    if (missing.length) throw new UnknownEntityError(missing[0]!, missing.length);
    if (request.policy) await requirePolicies(tx, [request.policy]);
    return recordHumanActions(tx, unique.map((entity) => ({ entity, action: request.action, policy: request.policy, source: 'manual', actor: request.actor, reason: request.reason, details: { bulk: unique.length } })), now);
  });
}
