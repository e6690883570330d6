// Strikes: a policy violation recorded against an account. Each strike is counted with the account's
// other active strikes under the same ladder (not expired at `now`, not reverted) and the ladder step
// reached is applied: a warning, feature limits, a suspension or a ban, each an action in the log sent to
// the platform's webhooks. Reverting the strike action (revert.ts) un-counts it and lifts what it caused.
import { type EntityRef, type LadderStep, type StrikeSource } from '../../domain/index.js';
import { requirePolicies } from '../../catalogue/index.js';
import { appendAudit } from '../../store/audit.js';
import type { Executor, Tx } from '../../store/schema.js';
import type { ActionRecord } from '../actions.js';
import { recordStatements } from '../statements/index.js';
import { enqueueActionWebhooks } from '../webhooks/index.js';
import { ladderForPolicy, stepFor } from './ladders.js';
import { insertAction, lockEntity } from './record.js';

const DAY_MS = 86_400_000;

export class InvalidStrikeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidStrikeError';
  }
}

export interface StrikeInput {
  account: EntityRef;
  policy: string;
  source: StrikeSource;
  actor: string;
  reason: string;
  cause?: { action_seq?: number; verdict_id?: number };
  now: Date;
}

export interface StrikeRecord {
  id: number;
  account: EntityRef;
  policy: string;
  /** The ladder that counted it ('default' or the policy id) and its version then. */
  ladder: string;
  ladder_version: number;
  at: string;
  expires_at: string;
  source: string;
  actor: string;
  reason: string;
  cause: { action_seq: number | null; verdict_id: number | null };
  /** The 'strike' action in the log. */
  action_seq: number;
  /** Active strikes under the ladder when it was given, itself included. */
  count: number;
  /** The ladder step that count reached (null below the first step). */
  step: LadderStep | null;
  /** The step's actions in the log. */
  step_action_seqs: number[];
  reverted_at: string | null;
  reverted_by: number | null;
}

/** A strike as read back at a moment: active (counting), expired or reverted. */
export interface StrikeStatus extends StrikeRecord {
  state: 'active' | 'expired' | 'reverted';
}

type StrikeRow = {
  id: number;
  entity_type: string;
  entity_id: string;
  policy_id: string;
  ladder: string;
  ladder_version: number;
  at: Date;
  expires_at: Date;
  source: string;
  actor: string;
  reason: string;
  cause_action_seq: number | null;
  cause_verdict_id: number | null;
  action_seq: number;
  active_count: number;
  step: unknown;
  step_action_seqs: number[];
  reverted_at: Date | null;
  reverted_by_seq: number | null;
};

const toStrike = (r: StrikeRow): StrikeRecord => ({
  id: r.id,
  account: { type: r.entity_type as EntityRef['type'], id: r.entity_id },
  policy: r.policy_id,
  ladder: r.ladder,
  ladder_version: r.ladder_version,
  at: r.at.toISOString(),
  expires_at: r.expires_at.toISOString(),
  source: r.source,
  actor: r.actor,
  reason: r.reason,
  cause: { action_seq: r.cause_action_seq, verdict_id: r.cause_verdict_id },
  action_seq: r.action_seq,
  count: r.active_count,
  step: (r.step as LadderStep | null) ?? null,
  step_action_seqs: r.step_action_seqs,
  reverted_at: r.reverted_at?.toISOString() ?? null,
  reverted_by: r.reverted_by_seq,
});

/** The account's strikes under `ladder` that count at `now`. */
export async function countActiveStrikes(ex: Executor, account: EntityRef, ladder: string, now: Date): Promise<number> {
  const row = await ex
    .selectFrom('strikes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entity_type', '=', account.type)
    .where('entity_id', '=', account.id)
    .where('ladder', '=', ladder)
    .where('reverted_at', 'is', null)
    .where('expires_at', '>', now)
    .where('at', '<=', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The action(s) a ladder step takes on the account, with details naming the step. */
function stepActions(step: LadderStep, ladder: string, strikeSeq: number, now: Date): { action: string; details: Record<string, unknown> }[] {
  const named = { ladder, step: step.strikes, strike_seq: strikeSeq };
  const until = step.duration_days !== undefined ? new Date(now.getTime() + step.duration_days * DAY_MS) : undefined;
  const timed = until ? { until: until.toISOString(), duration_ms: step.duration_days! * DAY_MS } : { permanent: true };
  switch (step.action) {
    case 'warn':
      return [{ action: 'warn', details: { ...named, ...(step.message ? { message: step.message } : {}) } }];
    case 'restrict':
      return [{ action: 'restrict', details: { ...named, features: step.features ?? [], ...timed } }];
    case 'suspend':
      return [{ action: 'suspend', details: { ...named, ...timed } }];
    case 'ban':
      return [{ action: 'ban', details: { ...named, permanent: true } }];
  }
}

/**
 * Records a strike against an account in the caller's transaction: the strike, the 'strike' action and
 * the actions of the ladder step reached, all enqueued to the platform's webhooks.
 */
export async function applyStrike(tx: Tx, input: StrikeInput): Promise<{ strike: StrikeRecord; actions: ActionRecord[] }> {
  const { account, policy, now } = input;
  if (account.type !== 'account') throw new InvalidStrikeError(`strikes are given to accounts, not to a ${account.type}: strike the account behind it`);
  if (!input.reason.trim()) throw new InvalidStrikeError('a strike needs a reason');
  await lockEntity(tx, account);
  await requirePolicies(tx, [policy]);
  const ladder = await ladderForPolicy(tx, policy);
  const count = (await countActiveStrikes(tx, account, ladder.ladder, now)) + 1;
  const step = stepFor(ladder, count);
  const expiresAt = new Date(now.getTime() + ladder.expiry_days * DAY_MS);
  const base = { entity: account, policy, source: input.source, actor: input.actor, reason: input.reason };
  const strikeAction = await insertAction(
    tx,
    {
      ...base,
      action: 'strike',
      details: {
        ladder: ladder.ladder,
        ladder_version: ladder.version,
        strike_count: count,
        step: step?.strikes ?? null,
        step_action: step?.action ?? null,
        expires_at: expiresAt.toISOString(),
        ...(input.cause?.action_seq !== undefined ? { cause_action_seq: input.cause.action_seq } : {}),
        ...(input.cause?.verdict_id !== undefined ? { cause_verdict_id: input.cause.verdict_id } : {}),
      },
    },
    now,
  );
  const actions = [strikeAction];
  if (step) for (const a of stepActions(step, ladder.ladder, strikeAction.seq, now)) actions.push(await insertAction(tx, { ...base, ...a }, now));
  const row = await tx
    .insertInto('strikes')
    .values({
      entity_type: account.type,
      entity_id: account.id,
      policy_id: policy,
      ladder: ladder.ladder,
      ladder_version: ladder.version,
      at: now,
      expires_at: expiresAt,
      source: input.source,
      actor: input.actor,
      reason: input.reason,
      cause_action_seq: input.cause?.action_seq ?? null,
      cause_verdict_id: input.cause?.verdict_id ?? null,
      action_seq: strikeAction.seq,
      active_count: count,
      step: step ? JSON.stringify(step) : null,
      step_action_seqs: actions.slice(1).map((a) => a.seq),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(tx, now, {
    actor: input.actor,
    action: 'strike.apply',
    target_type: account.type,
    target_id: account.id,
    details: { strike: row.id, policy, ladder: ladder.ladder, count, step: step?.strikes ?? null, actions: actions.map((a) => a.seq) },
  });
  await enqueueActionWebhooks(tx, actions, now);
  await recordStatements(tx, actions.map((action) => ({ action })), now);
  return { strike: toStrike(row as StrikeRow), actions };
}

/** Every strike of the entity, newest first, with its state at `now`. */
export async function listStrikes(ex: Executor, entity: EntityRef, now: Date): Promise<StrikeStatus[]> {
  const rows = await ex.selectFrom('strikes').selectAll().where('entity_type', '=', entity.type).where('entity_id', '=', entity.id).orderBy('id', 'desc').execute();
  return rows.map((r) => {
    const s = toStrike(r as StrikeRow);
    return { ...s, state: s.reverted_at ? 'reverted' : r.expires_at <= now ? 'expired' : 'active' };
  });
}

/** The strike a 'strike' action recorded, if the ladder gave it (a strategy's or a bare manual strike has none). */
export async function strikeOfAction(ex: Executor, actionSeq: number): Promise<StrikeRecord | undefined> {
  const row = await ex.selectFrom('strikes').selectAll().where('action_seq', '=', actionSeq).executeTakeFirst();
  return row ? toStrike(row as StrikeRow) : undefined;
}

/** Marks a strike reverted (it stops counting) by the revert action `revertSeq`. */
export async function markStrikeReverted(tx: Tx, strikeId: number, revertSeq: number, now: Date): Promise<void> {
  await tx.updateTable('strikes').set({ reverted_at: now, reverted_by_seq: revertSeq }).where('id', '=', strikeId).execute();
}
