// Reverting actions: each revert is a new action in the log that points back at the one it undoes (the
// log stays append-only), reaches the platform like any other, and is refused for an action already
// reverted or one that cannot be undone (an allow, a notification, an interruption that has happened).
// Reverting a ladder strike also un-counts the strike and reverts the step actions it caused.
import { NotFoundError } from '../catalogue/index.js';
import { appendAudit } from '../store/audit.js';
import type { ActionSource } from '../domain/index.js';
import type { Db, Tx } from '../store/schema.js';
import { toRecord, type ActionRecord, type ActionRow } from './actions.js';
import { applyLabel } from './effects.js';
import { enqueueActionWebhooks } from './webhooks/index.js';
import { markStrikeReverted, strikeOfAction } from './strikes/strikes.js';

export const INVERSE_ACTIONS: Readonly<Record<string, string>> = {
  remove: 'restore',
  block: 'restore',
  limit_reach: 'restore',
  age_gate: 'restore',
  demonetize: 'restore',
  strike: 'restore',
  suspend: 'unsuspend',
  label: 'unlabel',
  unlabel: 'label',
  restrict: 'lift_restriction',
  ban: 'unban',
  remove_listing: 'restore_listing',
  suspend_shop: 'unsuspend_shop',
  payout_hold: 'release_payout',
};

export class NotRevertibleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotRevertibleError';
  }
}

async function revertRows(tx: Tx, originals: ActionRow[], actor: string, reason: string, now: Date, source: ActionSource = 'manual'): Promise<ActionRecord[]> {
  if (!originals.length) return [];
  const rows = await tx
    .insertInto('actions')
    .values(
      originals.map((o) => ({
        at: now,
        effective_at: now,
        entity_type: o.entity_type,
        entity_id: o.entity_id,
        action: INVERSE_ACTIONS[o.action]!,
        policy_id: o.policy_id,
        source,
        actor,
        reason,
        reverts_seq: o.seq,
        strategy_id: o.strategy_id,
        strategy_version: o.strategy_version,
        details: JSON.stringify({
          ...(o.details.label !== undefined ? { label: o.details.label } : {}),
          ...(o.details.features !== undefined ? { features: o.details.features } : {}),
          ...(o.details.strike_seq !== undefined ? { strike_seq: o.details.strike_seq } : {}),
          reverts: o.action,
        }),
      })),
    )
    .returningAll()
    .execute();
  for (const r of rows) await applyLabel(tx, r.action, { type: r.entity_type as ActionRecord['entity']['type'], id: r.entity_id }, (r.details as Record<string, unknown>).label);
  const records = rows.map((r) => toRecord(r as ActionRow));
  await enqueueActionWebhooks(tx, records, now);
  return records;
}

const notRevertedYet = (tx: Tx) => tx.selectFrom('actions as a').selectAll('a').where(({ not, exists, selectFrom }) => not(exists(selectFrom('actions as r').select('r.seq').whereRef('r.reverts_seq', '=', 'a.seq'))));

export async function revertAction(db: Db, seq: number, actor: string, reason: string, now: Date): Promise<ActionRecord> {
  return db.transaction().execute(async (tx) => {
    const original = await tx.selectFrom('actions').selectAll().where('seq', '=', seq).forUpdate().executeTakeFirst();
    if (!original) throw new NotFoundError(`no action ${seq}`);
    if (!INVERSE_ACTIONS[original.action]) throw new NotRevertibleError(`a ${original.action} cannot be reverted`);
    if (original.reverts_seq !== null) throw new NotRevertibleError(`action ${seq} is itself a revert; take a new action instead`);
    const open = await notRevertedYet(tx).where('a.seq', '=', seq).executeTakeFirst();
    if (!open) throw new NotRevertibleError(`action ${seq} is already reverted`);
    const { reverts, strikes } = await revertWithStrikes(tx, [original as ActionRow], actor, reason, now, 'manual');
    const record = reverts[0];
    const strike = strikes[0];
    const lifted = reverts.slice(1);
    await appendAudit(tx, now, { actor, action: 'action.revert', target_type: original.entity_type, target_id: original.entity_id, details: { seq, revert: record!.seq, ...(strike ? { strike: strike.id, lifted: lifted.map((l) => l.seq) } : {}) } });
    return record!;
  });
}

/**
 * Reverts the rows; a reverted strike stops counting toward its ladder, and the step actions it caused
 * that are still in force are lifted with it (a warning has been given; it stays in the log).
 */
async function revertWithStrikes(tx: Tx, originals: ActionRow[], actor: string, reason: string, now: Date, source: ActionSource): Promise<{ reverts: ActionRecord[]; strikes: { id: number }[] }> {
  const reverts = await revertRows(tx, originals, actor, reason, now, source);
  const strikes: { id: number }[] = [];
  const handled = new Set(originals.map((o) => o.seq));
  for (const [i, original] of originals.entries()) {
    if (original.action !== 'strike') continue;
    const strike = await strikeOfAction(tx, original.seq);
    if (!strike) continue;
    strikes.push(strike);
    await markStrikeReverted(tx, strike.id, reverts[i]!.seq, now);
    const pending = strike.step_action_seqs.filter((seq: number) => !handled.has(seq));
    const steps = pending.length ? await notRevertedYet(tx).where('a.seq', 'in', pending).where('a.action', 'in', Object.keys(INVERSE_ACTIONS)).orderBy('a.seq').execute() : [];
    for (const st of steps) handled.add(st.seq);
    reverts.push(...(await revertRows(tx, steps as ActionRow[], actor, reason, now, source)));
  }
  return { reverts, strikes };
}

/**
 * Reverts, in the caller's transaction, those of the given actions that can be reverted and are not yet;
 * the rest are passed over (a review verdict clearing an entity reverts what automation did to it).
 */
export async function revertOpenActions(tx: Tx, seqs: readonly number[], actor: string, reason: string, source: ActionSource, now: Date): Promise<ActionRecord[]> {
  if (!seqs.length) return [];
  const originals = await notRevertedYet(tx).where('a.seq', 'in', [...seqs]).where('a.reverts_seq', 'is', null).where('a.action', 'in', Object.keys(INVERSE_ACTIONS)).orderBy('a.seq').forUpdate().execute();
  return (await revertWithStrikes(tx, originals as ActionRow[], actor, reason, now, source)).reverts;
}

/** Restricting actions on an entity that no one has reverted, oldest first (optionally only automated ones, or one policy's). */
export async function openRestrictions(tx: Tx, entity: { type: string; id: string }, options: { policy?: string | null; automatedOnly?: boolean } = {}): Promise<ActionRecord[]> {
  let q = notRevertedYet(tx).where('a.entity_type', '=', entity.type).where('a.entity_id', '=', entity.id).where('a.reverts_seq', 'is', null).where('a.action', 'in', Object.keys(INVERSE_ACTIONS).filter((a) => a !== 'label' && a !== 'unlabel'));
  if (options.policy) q = q.where('a.policy_id', '=', options.policy);
  if (options.automatedOnly) q = q.where('a.source', '=', 'strategy');
  return (await q.orderBy('a.seq').execute()).map((r) => toRecord(r as ActionRow));
}

/** How many actions "revert everything this version did" would revert now. */
export async function revertibleCount(db: Db, strategyId: string, version: number): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const rows = await notRevertedYet(tx).where('a.strategy_id', '=', strategyId).where('a.strategy_version', '=', version).where('a.reverts_seq', 'is', null).where('a.action', 'in', Object.keys(INVERSE_ACTIONS)).execute();
    return rows.length;
  });
}

/** "Revert everything this version did": every revertible action of the version not reverted yet, in one transaction. */
export async function revertStrategyVersion(db: Db, strategyId: string, version: number, actor: string, now: Date): Promise<{ reverted: number }> {
  return db.transaction().execute(async (tx) => {
    const originals = await notRevertedYet(tx)
      .where('a.strategy_id', '=', strategyId)
      .where('a.strategy_version', '=', version)
      .where('a.reverts_seq', 'is', null)
      .where('a.action', 'in', Object.keys(INVERSE_ACTIONS))
      .orderBy('a.seq')
      .execute();
    let reverted = 0;
    for (let i = 0; i < originals.length; i += 1000) reverted += (await revertRows(tx, originals.slice(i, i + 1000) as ActionRow[], actor, `revert of ${strategyId} v${version}`, now)).length;
    await appendAudit(tx, now, { actor, action: 'strategy.revert', target_type: 'strategy', target_id: strategyId, details: { version, reverted } });
    return { reverted };
  });
}
