// Seller penalties: removing a listing, suspending a shop, holding and releasing payouts. Each is an
// action in the log sent to the platform's webhooks, and each can be reverted (a payout hold is undone by
// releasing it, through this function or by reverting the hold).
import { type ActionSource, type EntityRef, type EntityType, type SellerPenalty } from '../../domain/index.js';
import { requirePolicies } from '../../catalogue/index.js';
import { appendAudit } from '../../store/audit.js';
import type { Tx } from '../../store/schema.js';
import type { ActionRecord } from '../actions.js';
import { NotRevertibleError } from '../revert.js';
import { recordStatements } from '../statements/index.js';
import { enqueueActionWebhooks } from '../webhooks/index.js';
import { insertAction, lockEntity } from './record.js';

export class InvalidPenaltyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPenaltyError';
  }
}

export interface PenaltyInput {
  target: EntityRef;
  penalty: SellerPenalty;
  policy?: string;
  actor: string;
  reason: string;
  source: ActionSource;
  /** suspend_shop and payout_hold: when it ends by itself; absent means until lifted. */
  until?: Date;
  now: Date;
}

/** What each penalty may be applied to: a listing is content, a seller is an account. */
export const PENALTY_TARGETS: Readonly<Record<SellerPenalty, readonly EntityType[]>> = {
  remove_listing: ['content'],
  suspend_shop: ['shop'],
  payout_hold: ['shop', 'account'],
  release_payout: ['shop', 'account'],
};

const TIMED = new Set<SellerPenalty>(['suspend_shop', 'payout_hold']);

/** Applies a seller penalty in the caller's transaction; returns the actions it recorded (release_payout: one per hold it released). */
export async function applySellerPenalty(tx: Tx, input: PenaltyInput): Promise<{ actions: ActionRecord[] }> {
  const { target, penalty, now } = input;
  const allowed = PENALTY_TARGETS[penalty];
  if (!allowed) throw new InvalidPenaltyError(`unknown penalty ${JSON.stringify(penalty)}`);
  if (!allowed.includes(target.type)) throw new InvalidPenaltyError(`${penalty} applies to ${allowed.join(' or ')}, not to a ${target.type}`);
  if (input.until && !TIMED.has(penalty)) throw new InvalidPenaltyError(`${penalty} takes no \`until\``);
  if (input.until && input.until <= now) throw new InvalidPenaltyError('`until` must be in the future');
  if (!input.reason.trim()) throw new InvalidPenaltyError('a penalty needs a reason');
  await lockEntity(tx, target);
  if (input.policy) await requirePolicies(tx, [input.policy]);
  const base = { entity: target, policy: input.policy ?? null, source: input.source, actor: input.actor, reason: input.reason };
  const actions: ActionRecord[] = [];
  if (penalty === 'release_payout') {
    const holds = await tx
      .selectFrom('actions as a')
      .select(['a.seq', 'a.policy_id'])
      .where('a.entity_type', '=', target.type)
      .where('a.entity_id', '=', target.id)
      .where('a.action', '=', 'payout_hold')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('actions as r').select('r.seq').whereRef('r.reverts_seq', '=', 'a.seq'))))
      .orderBy('a.seq')
      .execute();
    if (!holds.length) throw new NotRevertibleError(`no payout hold is in force on ${target.type}/${target.id}`);
    for (const h of holds) actions.push(await insertAction(tx, { ...base, policy: input.policy ?? h.policy_id, action: 'release_payout', reverts_seq: h.seq, details: { penalty, reverts: 'payout_hold' } }, now));
  } else {
    const details: Record<string, unknown> = { penalty, ...(input.until ? { until: input.until.toISOString() } : TIMED.has(penalty) ? { permanent: true } : {}) };
    actions.push(await insertAction(tx, { ...base, action: penalty, details }, now));
  }
  await appendAudit(tx, now, { actor: input.actor, action: `penalty.${penalty}`, target_type: target.type, target_id: target.id, details: { actions: actions.map((a) => a.seq), policy: input.policy ?? null } });
  await enqueueActionWebhooks(tx, actions, now);
  await recordStatements(tx, actions.map((action) => ({ action })), now);
  return { actions };
}
